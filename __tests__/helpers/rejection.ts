/** The error a call rejects with; the test fails if the call resolves instead. */
export async function rejection<E = Error>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
