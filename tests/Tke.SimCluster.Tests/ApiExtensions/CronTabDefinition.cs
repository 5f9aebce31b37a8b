namespace Tke.SimCluster.Tests.ApiExtensions;

/// <summary>Kubernetes' documented CronTab definition, with a status subresource and printer columns.</summary>
internal static class CronTabDefinition
{
    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.stable.example.com
        spec:
          group: stable.example.com
          scope: Namespaced
          names:
            plural: crontabs
            kind: CronTab
            shortNames: [ct]
            categories: [all]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Spec
              type: string
              jsonPath: .spec.cronSpec
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec:
                        type: string
                      image:
                        type: string
                      replicas:
                        type: integer
                        minimum: 1
                        default: 1
                  status:
                    type: object
                    properties:
                      ready:
                        type: integer
        """;

    /// <summary>The definition with one line replaced, e.g. to break it.</summary>
    public static string With(string original, string replacement)
    {
        Assert.Contains(original, Yaml);
        return Yaml.Replace(original, replacement, StringComparison.Ordinal);
    }
}
