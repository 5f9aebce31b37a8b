using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Core;

/// <summary>The pod spec rules kube-apiserver enforces that matter to clients of the simulation.</summary>
public static class PodSpecRules
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];

    public static void Validate(PodSpec spec, string path, FieldErrorList errors)
    {
        if (spec.Containers.Count == 0)
        {
            errors.Required($"{path}.containers");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        ValidateContainers(spec.Containers, $"{path}.containers", names, errors);
        ValidateContainers(spec.InitContainers ?? [], $"{path}.initContainers", names, errors);
        if (spec.RestartPolicy is { } policy && !RestartPolicies.Contains(policy))
        {
            errors.NotSupported($"{path}.restartPolicy", policy, RestartPolicies);
        }
    }

    private static void ValidateContainers(List<Container> containers, string path, HashSet<string> names, FieldErrorList errors)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var at = $"{path}[{i}]";
            if (string.IsNullOrEmpty(container.Name))
            {
                errors.Required($"{at}.name");
            }
            else
            {
                foreach (var problem in Names.IsDns1123Label(container.Name))
                {
                    errors.Invalid($"{at}.name", container.Name, problem);
                }

                if (!names.Add(container.Name))
                {
                    errors.Duplicate($"{at}.name", container.Name);
                }
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                errors.Required($"{at}.image");
            }

            foreach (var (port, j) in (container.Ports ?? []).Select((p, j) => (p, j)))
            {
                if (port.Port is < 1 or > 65535)
                {
                    errors.Invalid($"{at}.ports[{j}].containerPort", port.Port, "must be between 1 and 65535, inclusive");
                }
            }
        }
    }
}
