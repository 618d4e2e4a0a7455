/**
 * The demo's raw material, kept as compact JSON under resources/demo/ (bundled at build
 * time, so nothing is read from disk at run time). Conventions of those files:
 * - a name written in a non-Latin script is "native|latin" (the Latin form builds the e-mail);
 * - a function is "masculine|feminine";
 * - an organisation is "name|e-mail domain".
 */
import countriesJson from '../../../resources/demo/countries.json' with { type: 'json' };
import franceJson from '../../../resources/demo/france.json' with { type: 'json' };
import functionsJson from '../../../resources/demo/functions.json' with { type: 'json' };
import organisationsJson from '../../../resources/demo/organisations.json' with { type: 'json' };

export interface CountryPool {
  country: string;
  languages: string[];
  /** Share of this country's attendees who registered with the Latin spelling of their name. */
  latinShare: number;
  /** Family name first in the country's own usage: such names are often registered with an upper-case surname. */
  familyFirst?: boolean;
  delegates: number;
  embassyStaff: number;
  embassy: string;
  embassyTop?: string;
  family: string[];
  /** Feminine family names where the language inflects them (Polish, Czech, Greek, Hassaniya). */
  familyF?: string[];
  female: string[];
  male: string[];
  organisations: string[];
}

export type AuthorityKind = 'region' | 'departement' | 'metropole' | 'agglo' | 'ville';

export interface Authority {
  name: string;
  kind: AuthorityKind;
  domain: string;
}

export interface FrancePool {
  female: string[];
  male: string[];
  family: string[];
  generic: string[];
  authorities: Authority[];
}

interface Elected {
  top: string;
  others: string[];
}

export interface FunctionPool {
  elected: Record<AuthorityKind, Elected>;
  staff: string[];
  foreign: {
    top: string;
    topRules: { match: string; function: string }[];
    others: string[];
    /** Associations of local authorities and agencies have staff, not councillors. */
    associationMatch: string;
    associationOthers: string[];
  };
  embassy: Elected;
  partner: string[];
  expert: string[];
  network: string[];
  press: string[];
  organiser: string[];
  volunteer: string;
}

export interface Organisation {
  name: string;
  domain: string;
  country?: string;
  people?: number;
  language?: string;
}

export interface OrganisationPool {
  organiser: Organisation;
  partners: Organisation[];
  experts: Organisation[];
  networks: Organisation[];
  press: Organisation[];
}

export const countries: CountryPool[] = countriesJson;
export const france: FrancePool = franceJson as FrancePool; // JSON infers `kind` as string
export const functions: FunctionPool = functionsJson;
export const organisations: OrganisationPool = organisationsJson;

/** The 130 French local authorities of the 2023 edition (the demo's, that is). */
export const frenchAuthorities: readonly Authority[] = france.authorities;
