import { Config } from './config';

/** Placeholder until the bot lands: replaced by the composition root that starts the bot. */
export async function runStart(_config: Config): Promise<number> {
  process.stderr.write('Bot chưa sẵn sàng.\n');
  return 1;
}
