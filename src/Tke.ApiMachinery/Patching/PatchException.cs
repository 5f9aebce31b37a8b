namespace Tke.ApiMachinery.Patching;

/// <summary>
/// A patch that cannot be applied. <see cref="IsMalformed"/> separates a patch that is not a valid
/// patch document (400 BadRequest) from a well-formed patch that does not apply to the object
/// (422 Unprocessable Entity), the split Kubernetes makes.
/// </summary>
public sealed class PatchException : Exception
{
    public PatchException(string message, bool isMalformed = false)
        : base(message)
    {
        IsMalformed = isMalformed;
    }

    public bool IsMalformed { get; }
}
