namespace Tke.Benchmarks;

/// <summary>Finds the Release build of the server by walking up to the repository root (the folder with tke.slnx).</summary>
public static class TkeDllLocator
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "tke.slnx")))
                {
                    return Path.Combine(dir.FullName, "src", "Tke.Cli", "bin", "Release", "net10.0", "tke.dll");
                }
            }
        }

        return null;
    }
}
