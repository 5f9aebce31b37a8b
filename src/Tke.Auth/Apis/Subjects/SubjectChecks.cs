using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.Subjects;

/// <summary>Rules for the users and groups a binding refers to: users by ID or name, groups by ID.</summary>
internal static class SubjectChecks
{
    public static void Users(IReadOnlyList<Subject>? users, string path, FieldErrorList errors)
    {
        for (var i = 0; i < (users?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(users![i].Id) && string.IsNullOrEmpty(users[i].Name))
            {
                errors.Required($"{path}[{i}]", "must specify subject id or name");
            }
        }
    }

    public static void Groups(IReadOnlyList<Subject>? groups, string path, FieldErrorList errors)
    {
        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(groups![i].Id))
            {
                errors.Required($"{path}[{i}].id", "must specify group id");
            }
        }
    }
}
