/** The databases of an engine, by name: each opened on first use and shared after that. */
export class DatabasesByName<Database extends { close(): Promise<void> }> {
  private readonly databases = new Map<string, Promise<Database>>();

  constructor(private readonly open: (name: string) => Promise<Database>) {}

  get(name: string): Promise<Database> {
    let database = this.databases.get(name);
    if (!database) {
      database = this.open(name);
      this.databases.set(name, database);
      // A failed open must not be cached forever.
      database.catch(() => this.databases.delete(name));
    }
    return database;
  }

  /** Closes every database opened so far; one that failed to open is skipped. */
  async closeAll(): Promise<void> {
    const databases = [...this.databases.values()];
    this.databases.clear();
    await Promise.all(databases.map(async (d) => (await d.catch(() => undefined))?.close()));
  }
}
