// Writes to a SQLite store as fast as it can from several concurrent tasks and prints
// "<key> <revision>" for every write after it is acknowledged. The crash-durability test
// kills this process mid-flight and checks that every printed write survived.
// Usage: Tke.Storage.CrashWriter <database path> [writers]
using System.Text;
using Tke.Storage.Sqlite;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Tke.Storage.CrashWriter <database path> [writers]");
    return 2;
}

var writers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
await using var store = await SqliteKeyValueStore.OpenAsync(args[0]);
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var gate = new object();

void Acknowledge(string key, long revision)
{
    lock (gate)
    {
        // AutoFlush: the line reaches the pipe before the next write is started.
        output.WriteLine($"{key} {revision}");
    }
}

var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
{
    var value = new byte[1024];
    for (var i = 0; ; i++)
    {
        Random.Shared.NextBytes(value);
        var key = $"crash/{writer:D2}/{i:D8}";
        var created = await store.CreateAsync(key, value);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"create {key}: {created.Outcome}");
        }

        Acknowledge(key, created.Revision);
        if (i % 3 == 0)
        {
            var updated = await store.UpdateAsync(key, value.AsMemory(0, 512), created.Revision);
            if (!updated.Succeeded)
            {
                throw new InvalidOperationException($"update {key}: {updated.Outcome}");
            }

            Acknowledge(key, updated.Revision);
        }
    }
})).ToArray();

await Task.WhenAll(tasks);
return 0;
