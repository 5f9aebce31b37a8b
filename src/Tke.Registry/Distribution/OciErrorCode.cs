namespace Tke.Registry.Distribution;

/// <summary>The error codes of the OCI distribution spec (and Docker's TOOMANYREQUESTS).</summary>
public static class OciErrorCode
{
    public const string NameInvalid = "NAME_INVALID";
    public const string NameUnknown = "NAME_UNKNOWN";
    public const string TagInvalid = "TAG_INVALID";
    public const string ManifestInvalid = "MANIFEST_INVALID";
    public const string ManifestUnknown = "MANIFEST_UNKNOWN";
    public const string ManifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN";
    public const string DigestInvalid = "DIGEST_INVALID";
    public const string BlobUnknown = "BLOB_UNKNOWN";
    public const string BlobUploadUnknown = "BLOB_UPLOAD_UNKNOWN";
    public const string BlobUploadInvalid = "BLOB_UPLOAD_INVALID";
    public const string SizeInvalid = "SIZE_INVALID";
    public const string RangeInvalid = "RANGE_INVALID";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Denied = "DENIED";
    public const string Unsupported = "UNSUPPORTED";
    public const string TooManyRequests = "TOOMANYREQUESTS";
}
