import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionalRoles } from '../../hooks/useRoles';
import { needsOrganiser } from './refusals';

/**
 * Beside an error the core gave because the kiosk is in staff mode: the way out, the PIN
 * dialog. Nothing outside the shell (no roles state) or for any other error.
 */
export function OrganiserPrompt({ code }: { code: string }) {
  const { t } = useTranslation('roles');
  const roles = useOptionalRoles();
  const refused = roles !== null && needsOrganiser(code);
  const refresh = roles?.refresh;

  // The refusal says the core is in staff mode (e.g. fallen back while idle): the header follows.
  useEffect(() => {
    if (refused && refresh) void refresh();
  }, [refused, refresh]);

  if (!roles || !refused || !roles.status?.pinSet) return null;
  return (
    <p>
      <button type="button" className="button button-secondary" onClick={() => roles.requestOrganiser()}>
        {t('refused.enter')}
      </button>
    </p>
  );
}
