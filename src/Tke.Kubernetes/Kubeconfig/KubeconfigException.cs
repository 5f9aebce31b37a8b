namespace Tke.Kubernetes.Kubeconfig;

/// <summary>A kubeconfig that cannot be read or yields no usable connection; the message says why.</summary>
public sealed class KubeconfigException(string message, Exception? inner = null) : Exception(message, inner);
