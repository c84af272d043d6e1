// Output to a pipe that the reader closed (`reso outline | head`): the command stops quietly,
// as `cat` and `git log` do, instead of dying with a stack trace.

export function stopQuietlyWhenPipeCloses(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
