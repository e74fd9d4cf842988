// `npm start` opens the web app in the user's browser once the validators are ready (the `open`
// package: xdg-open, open or start, whichever the system has). By default only when someone is
// there to see it: standard output a terminal, and on Linux a display; --open forces it and
// --no-open stops it. A browser that cannot be opened is said, never fatal: the URL is printed.
import open from 'open';

export type OpenChoice = {
  /** --open (true), --no-open (false), neither (undefined). */
  flag: boolean | undefined;
  /** Standard output is a terminal. */
  interactive: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
};

/** Whether to open the app in a browser, and if not, why (for the report). */
export function shouldOpenApp(choice: OpenChoice): { open: boolean; why: string } {
  if (choice.flag === false) return { open: false, why: '--no-open' };
  if (choice.flag === true) return { open: true, why: '--open' };
  if (!choice.interactive) return { open: false, why: 'standard output is not a terminal' };
  const graphical =
    choice.platform !== 'linux' || Boolean(choice.env.DISPLAY || choice.env.WAYLAND_DISPLAY);
  if (!graphical) return { open: false, why: 'no display (DISPLAY and WAYLAND_DISPLAY unset)' };
  return { open: true, why: 'a terminal with a display' };
}

/** Asks the system to open `url` in the default browser; resolves with what to tell the user. */
export async function openApp(url: string): Promise<string> {
  try {
    const child = await open(url);
    child.on('error', () => {}); // a launcher that fails to start leaves no pid: said below
    child.unref();
    return child.pid === undefined
      ? `could not start a browser: open ${url} yourself`
      : `asked your system's browser to open ${url}`;
  } catch (error) {
    return `could not start a browser (${(error as Error).message}): open ${url} yourself`;
  }
}
