import 'dotenv/config';
import { runCli } from './main.js';
import { runAsProcess } from './process.js';

runAsProcess('icp-bot', runCli);
