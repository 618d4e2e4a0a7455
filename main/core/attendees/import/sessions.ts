/** A "workshops" cell → checkpoint ids of the event, by id or by name (case- and accent-insensitive). */
import type { Database } from 'better-sqlite3';
import { cleanCell, labelKey } from './normalise';

export interface SessionMatch {
  ids: string[];
  unknown: string[];
}

export class SessionMatcher {
  private readonly byKey = new Map<string, string>();
  private readonly byId = new Set<string>();

  constructor(checkpoints: { id: string; name: string }[]) {
    for (const checkpoint of checkpoints) {
      this.byId.add(checkpoint.id);
      const key = labelKey(checkpoint.name);
      if (key && !this.byKey.has(key)) this.byKey.set(key, checkpoint.id);
    }
  }

  static forEvent(db: Database, eventId: string): SessionMatcher {
    const rows = db.prepare('SELECT id, name FROM checkpoints WHERE event_id = ? ORDER BY sort, name').all(eventId) as {
      id: string;
      name: string;
    }[];
    return new SessionMatcher(rows);
  }

  private find(text: string): string | undefined {
    if (this.byId.has(text)) return text;
    return this.byKey.get(labelKey(text));
  }

  /**
   * Items are separated by `;`, `|` or line breaks, and by commas unless the comma belongs
   * to a session's name ("Économie, attractivité" stays one session when one is so named).
   */
  match(raw: string): SessionMatch {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const part of raw.split(/[;|\r\n]+/)) {
      const item = cleanCell(part);
      if (!item) continue;
      const whole = this.find(item);
      if (whole) {
        ids.push(whole);
        continue;
      }
      const pieces = item.split(',').map((piece) => piece.trim());
      let i = 0;
      while (i < pieces.length) {
        let matched = false;
        for (let j = pieces.length; j > i; j--) {
          const id = this.find(pieces.slice(i, j).join(', '));
          if (id) {
            ids.push(id);
            i = j;
            matched = true;
            break;
          }
        }
        if (!matched) {
          if (pieces[i]) unknown.push(pieces[i]!);
          i++;
        }
      }
    }
    return { ids: [...new Set(ids)], unknown };
  }
}
