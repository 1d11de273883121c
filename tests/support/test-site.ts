import type { RunningSite, SiteUser } from '../../tools/wp-stack/site.ts';

/** What the runner tells test files about the throwaway site (env SPP_TEST_SITE). */
export interface TestSite {
  url: string;
  databaseName: string;
  coreDir: string;
  siteConfig: string;
  debugLog: string;
  phpErrorLog: string;
  users: Record<string, SiteUser>;
  /** Where the test runner's SMTP server writes each mail the site sends (tests/support/mail.ts reads them). */
  mailDir: string;
}

export const testSiteVariable = 'SPP_TEST_SITE';

export function describeSite(site: RunningSite, mailDir: string): string {
  const { url, databaseName, coreDir, siteConfig, debugLog, phpErrorLog, users } = site;
  return JSON.stringify({ url, databaseName, coreDir, siteConfig, debugLog, phpErrorLog, users, mailDir } satisfies TestSite);
}

export function testSite(): TestSite {
  const raw = process.env[testSiteVariable];
  if (!raw) throw new Error(`${testSiteVariable} is not set: run these tests through npm test`);
  return JSON.parse(raw) as TestSite;
}

export function siteUser(login: string): SiteUser {
  const user = testSite().users[login];
  if (!user) throw new Error(`No fixture user ${login}`);
  return user;
}
