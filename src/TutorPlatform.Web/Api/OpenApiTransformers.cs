using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Api;

/// <summary>Title, description and the API-key security scheme of the v1 document.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SecuritySchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "TutorPlatform API",
            Version = "v1",
            Description =
                "Score essays (six trait scores, corrections and topic relevance at once; the large model's written feedback " +
                "to poll or by webhook) and assess read-aloud speech (sentence, word and phone scores) or transcribe audio " +
                "with on-device models; read a school's classes, assignments and rosters, create classes and assignments, " +
                "and export an assignment's essay scores as CSV. " +
                $"Authenticate with an API key in the `{ApiKeyAuthenticationHandler.HeaderName}` header (or `Authorization: Bearer {ApiKeyFormat.Marker}…`); " +
                "teachers create keys on the API keys page. A key acts for its owner: a teacher's key sees that teacher's classes, " +
                "an administrator's key sees every class. Reads also accept the browser session of a signed-in user, so a student " +
                "can read their own classes and assignments; writes need a key. Errors are RFC 9457 problem details. " +
                "Each key has a fixed-window request budget; past it the API answers 429 with a `Retry-After` header.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = $"A TutorPlatform API key: `{ApiKeyFormat.Marker}` + {ApiKeyFormat.PrefixLength}-character prefix + `_` + {ApiKeyFormat.SecretLength}-character secret.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>Every operation in the document is an /api/v1 operation, and every one of them takes the key.</summary>
internal sealed class ApiKeyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.SecuritySchemeName, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}

/// <summary>Request examples, so the reference page fills in something sensible; and enum schemas without null.</summary>
internal sealed class ApiSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // A nullable enum (AssignmentStatus?) shares its component with the plain one and would add null to its values;
        // where a property may be null the generator already wraps the reference in oneOf [null, $ref].
        if (schema.Enum is { } values && values.Any(v => v is null))
        {
            schema.Enum = values.Where(v => v is not null).ToList();
        }

        if (context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ClassesApi.CreateClassRequest))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["name"] = "Year 10 English",
                    ["description"] = "Tuesdays and Thursdays, room 12.",
                },
            ];
        }
        else if (type == typeof(EssaysApi.CreateEssayAssessmentRequest))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["text"] = "Many people think school should start later. I agree, becuase teenagers need more sleep.\n\nFirst, students who sleep more learn better...",
                    ["prompt"] = "Should school start later in the morning? Give reasons for your opinion.",
                    ["webhookUrl"] = "https://lms.example.org/hooks/essay-feedback?secret=abc123",
                },
            ];
        }
        else if (type == typeof(EssaysApi.EssayAssessmentResponse))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["id"] = "0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1d0e",
                    ["wordCount"] = 312,
                    ["overall"] = 3.08,
                    ["overallCefr"] = "B2",
                    ["traits"] = new JsonArray(
                        new JsonObject { ["trait"] = "Cohesion", ["score"] = 3.1, ["cefr"] = "B2" },
                        new JsonObject { ["trait"] = "Syntax", ["score"] = 2.9, ["cefr"] = "B1" }),
                    ["modelVersion"] = "ellipse-traits@1",
                    ["corrections"] = new JsonArray(new JsonObject
                    {
                        ["start"] = 68, ["length"] = 7, ["original"] = "becuase", ["category"] = "Spelling", ["ruleId"] = "SPELLING",
                        ["message"] = "Possible spelling mistake.", ["replacements"] = new JsonArray("because"),
                    }),
                    ["relevance"] = new JsonObject { ["score"] = 0.82, ["offTopic"] = false, ["explanation"] = "The essay discusses school start times, as the prompt asks." },
                    ["feedback"] = new JsonObject { ["status"] = "Pending", ["text"] = null, ["originalParagraph"] = null, ["correctedParagraph"] = null, ["error"] = null, ["completedAt"] = null },
                    ["feedbackUrl"] = "/api/v1/essays/assessments/0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1d0e",
                    ["createdAt"] = "2026-11-24T10:30:00Z",
                },
            ];
        }
        else if (type == typeof(AssignmentsApi.CreateAssignmentRequest))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["kind"] = "Essay",
                    ["title"] = "A place that matters to me",
                    ["instructions"] = "Plan for ten minutes before you write.",
                    ["dueAt"] = "2030-03-01T16:00:00Z",
                    ["publish"] = true,
                    ["essay"] = new JsonObject
                    {
                        ["prompt"] = "Describe a place that matters to you and explain why.",
                        ["genre"] = "Descriptive",
                        ["targetWords"] = 300,
                    },
                },
                new JsonObject
                {
                    ["kind"] = "Speaking",
                    ["title"] = "Role-play: booking a table",
                    ["publish"] = false,
                    ["speaking"] = new JsonObject
                    {
                        ["mode"] = "RolePlay",
                        ["scenario"] = "You phone a restaurant to book a table for four on Friday evening.",
                        ["goals"] = new JsonArray("Give the day, time and number of people", "Ask about a vegetarian menu"),
                    },
                },
            ];
        }

        return Task.CompletedTask;
    }
}
