import fs from 'node:fs';
import path from 'node:path';
import { coreSource, ensureCore, type CoreSource } from './core.ts';
import { createDatabase, databaseExists, databasePrefix, dropDatabase, localMariaDb } from './database.ts';
import { debianWordPress } from './debian-wordpress.ts';
import { phpScriptsDir, pluginDir, pluginSlug, stackDir } from './paths.ts';
import { runSitePhp } from './php-cli.ts';
import { freePort } from './ports.ts';
import { PortTakenError, startPhpServer, type PhpServer, type PhpServerOptions } from './server.ts';
import { newSalts, renderSiteConfig } from './site-config.ts';
import { ensurePrerequisites } from './prerequisites.ts';

export interface SiteUserSpec {
  login: string;
  password: string;
  email: string;
  displayName: string;
  role: string;
  rights: string[];
}

export interface SiteOptions {
  /** Folder and database suffix: lower-case letters, digits and underscores. */
  name: string;
  port: number;
  /** A persistent site survives stop() and is reused by the next launch. */
  persistent: boolean;
  users: SiteUserSpec[];
  workers?: number;
  theme?: string;
  appPasswords?: boolean;
  /** Creates a "Support VMs" page holding the portal shortcode. */
  portalPage?: boolean;
  disableWpCron?: boolean;
  extraConstants?: Record<string, string | number | boolean>;
  /** PHP files linked into wp-content/mu-plugins (e.g. the benchmark's floor route). */
  muPlugins?: string[];
  /** The WordPress core to serve; SPP_WP_CORE's choice (Debian's by default) when left out. */
  core?: CoreSource;
}

export interface SiteUser {
  id: number;
  login: string;
  password: string;
  appPassword: string | null;
}

export interface RunningSite {
  name: string;
  url: string;
  dir: string;
  databaseName: string;
  coreDir: string;
  siteConfig: string;
  debugLog: string;
  phpErrorLog: string;
  users: Record<string, SiteUser>;
  /** The page holding the portal shortcode, when the site was asked for one. */
  portalUrl: string | null;
  /**
   * Rewrites the site's wp-config with the launch constants plus `extraConstants` (e.g. MULTISITE
   * after a test converted the site into a network); the next request reads it, as the server looks
   * for changed files on every request (server.ts). The server keeps running: a restart would free
   * the port for a moment, long enough for a side-by-side suite to be given it (a multisite file
   * lost its site so).
   */
  rewriteConfig(extraConstants: Record<string, string | number | boolean>): void;
  /** Stops serving; a throwaway site is also removed with its database. */
  stop(): Promise<void>;
}

interface SiteState {
  salts: Record<string, string>;
}

function prepareContentDir(docroot: string, coreDir: string, muPlugins: string[]): string {
  const contentDir = path.join(docroot, 'wp-content');
  for (const entry of fs.readdirSync(coreDir)) {
    const link = path.join(docroot, entry);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(coreDir, entry), link);
  }
  const pluginsDir = path.join(contentDir, 'plugins');
  const themesDir = path.join(contentDir, 'themes');
  fs.mkdirSync(pluginsDir, { recursive: true });
  fs.mkdirSync(themesDir, { recursive: true });
  fs.mkdirSync(path.join(contentDir, 'uploads'), { recursive: true });
  for (const file of muPlugins) {
    const link = path.join(contentDir, 'mu-plugins', path.basename(file));
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.resolve(file), link);
  }
  const pluginLink = path.join(pluginsDir, pluginSlug);
  if (!fs.existsSync(pluginLink)) fs.symlinkSync(pluginDir, pluginLink);
  const debianThemes = path.join(debianWordPress, 'wp-content', 'themes');
  for (const theme of fs.readdirSync(debianThemes)) {
    const link = path.join(themesDir, theme);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(debianThemes, theme), link);
  }
  return contentDir;
}

function readState(file: string): SiteState | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SiteState) : null;
}

/**
 * Starts the server on the given port or, when another process took it after it was found free
 * (side-by-side suites pick ports at once), on another free port; `moved` rewrites what names it.
 */
async function startOnFreePort(options: PhpServerOptions, moved: (port: number) => void): Promise<PhpServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPhpServer(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 5) throw error;
      options.port = await freePort();
      moved(options.port);
    }
  }
}

/**
 * Builds (or reuses) a WordPress site from Debian's core with the plugin active, and serves it.
 * The same path serves `npm start` (persistent) and the test suites (throwaway).
 */
export async function launchSite(options: SiteOptions): Promise<RunningSite> {
  if (!/^[a-z0-9_]+$/.test(options.name)) throw new Error(`Bad site name ${options.name}`);
  await ensurePrerequisites();
  const coreDir = ensureCore(options.core ?? coreSource());
  const dir = path.join(stackDir, 'sites', options.name);
  const docroot = path.join(dir, 'public');
  const databaseName = `${databasePrefix}${options.name}`;
  const stateFile = path.join(dir, 'site.json');

  let state = options.persistent ? readState(stateFile) : null;
  const reuse = state !== null && (await databaseExists(localMariaDb, databaseName));
  if (!reuse) {
    fs.rmSync(dir, { recursive: true, force: true });
    await createDatabase(localMariaDb, databaseName);
    state = { salts: newSalts() };
  }
  fs.mkdirSync(docroot, { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));

  let url = `http://127.0.0.1:${options.port}`;
  const contentDir = prepareContentDir(docroot, coreDir, options.muPlugins ?? []);
  const siteConfig = path.join(dir, 'wp-site-config.php');
  const debugLog = path.join(dir, 'debug.log');
  const phpErrorLog = path.join(dir, 'php-errors.log');
  const writeConfig = (extraConstants: Record<string, string | number | boolean>): void =>
    fs.writeFileSync(
      siteConfig,
      renderSiteConfig({
        url,
        coreDir,
        contentDir,
        database: { ...localMariaDb, name: databaseName },
        salts: state!.salts,
        debugLog,
        disableWpCron: options.disableWpCron ?? false,
        extraConstants: { ...options.extraConstants, ...extraConstants },
      }),
    );
  writeConfig({});

  const runPhp = (script: string, env: Record<string, string>): string =>
    runSitePhp({ coreDir, siteConfig }, script, env);

  // The server runs before the install: WordPress probes its own URL while installing.
  const serverOptions: PhpServerOptions = {
    port: options.port,
    docroot,
    siteConfig,
    workers: options.workers ?? 4,
    logFile: path.join(dir, 'server.log'),
    errorLog: phpErrorLog,
  };
  const server = await startOnFreePort(serverOptions, (port) => {
    url = `http://127.0.0.1:${port}`;
    writeConfig({});
  });

  try {
    const admin = options.users.find((user) => user.role === 'administrator');
    if (!admin) throw new Error('A site needs one administrator user');
    runPhp(path.join(phpScriptsDir, 'install-core.php'), {
      SPP_INSTALL: JSON.stringify({
        title: 'Support Provisioning Portal',
        adminLogin: admin.login,
        adminPassword: admin.password,
        adminEmail: admin.email,
      }),
    });
    const output = runPhp(path.join(phpScriptsDir, 'setup-site.php'), {
      SPP_SETUP: JSON.stringify({
        plugin: `${pluginSlug}/${pluginSlug}.php`,
        theme: options.theme ?? 'twentytwentythree',
        appPasswords: options.appPasswords ?? false,
        portalPage: options.portalPage ?? false,
        users: options.users,
      }),
    });
    const created = JSON.parse(output) as {
      users: Record<string, { id: number; appPassword: string | null }>;
      portalUrl: string | null;
    };
    const users: Record<string, SiteUser> = {};
    for (const spec of options.users) {
      const info = created.users[spec.login];
      if (!info) throw new Error(`Setup did not report user ${spec.login}`);
      users[spec.login] = { id: info.id, login: spec.login, password: spec.password, appPassword: info.appPassword };
    }
    return {
      name: options.name,
      url,
      dir,
      databaseName,
      coreDir,
      siteConfig,
      debugLog,
      phpErrorLog,
      users,
      portalUrl: created.portalUrl,
      rewriteConfig: (extraConstants) => writeConfig(extraConstants),
      stop: async () => {
        await server.stop();
        if (!options.persistent) {
          await dropDatabase(localMariaDb, databaseName);
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
