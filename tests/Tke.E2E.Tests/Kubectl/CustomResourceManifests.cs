namespace Tke.E2E.Tests.Kubectl;

/// <summary>CronTab definitions (Kubernetes' documented example) in a group of the test's choosing.</summary>
public static class CustomResourceManifests
{
    public static string Definition(string group, string storageVersions = "") => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.{{group}}
        spec:
          group: {{group}}
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
              description: The cron schedule.
              jsonPath: .spec.cronSpec
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Ready
              type: integer
              jsonPath: .status.ready
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                description: A CronTab runs a command on a schedule.
                properties:
                  spec:
                    type: object
                    description: What to run and when.
                    required: [cronSpec]
                    properties:
                      cronSpec:
                        type: string
                        description: The schedule in cron format.
                        pattern: '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'
                      image:
                        type: string
                        description: The image to run.
                      replicas:
                        type: integer
                        description: How many copies to run.
                        minimum: 1
                        maximum: 10
                        default: 1
                  status:
                    type: object
                    properties:
                      ready:
                        type: integer
        {{storageVersions}}
        """;

    /// <summary>A second version that also claims to be the storage version.</summary>
    public const string SecondStorageVersion = """
          - name: v2
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
        """;

    public static string CronTab(string group, string name, string spec, string labels = "{}") => $"""
        apiVersion: {group}/v1
        kind: CronTab
        metadata:
          name: {name}
          labels: {labels}
        spec:
        {spec}
        """;
}
