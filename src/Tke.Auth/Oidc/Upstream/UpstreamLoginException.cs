namespace Tke.Auth.Oidc.Upstream;

/// <summary>A login through an upstream provider that cannot complete. The message is safe to
/// show the user (HTML-encoded) and to log: it never carries secrets, codes or tokens.</summary>
public class UpstreamLoginException(string message, Exception? innerException = null) : Exception(message, innerException);
