/** A script or utterances file that does not follow the dialect; the message starts with `file:line:`. */
export class ConvoSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ConvoSyntaxError';
  }
}

/** Every file of a load that failed, one problem per line. */
export class ConvoLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConvoLoadError';
  }
}
