import 'dotenv/config';
import { runAsProcess } from '../../src/cli/process.js';
import { runConvoCli } from './cli.js';

runAsProcess('convo', runConvoCli);
