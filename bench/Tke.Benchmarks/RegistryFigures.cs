namespace Tke.Benchmarks;

/// <summary>What one registry achieved in the registry benchmark.</summary>
public sealed record RegistryFigures(double PushMBps, double PushCpuSecondsPerGiB, double PullMBps, double ManifestsPerSecond, double SkopeoPushSeconds, double SkopeoPullSeconds, long PeakRssBytes);
