using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Ai.Tests.LlamaCpp;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Ai.Tests.Ai;

public sealed class ChatRegistrationTests
{
    private static ChatModelOptions Resolve(ServiceProvider services) => services.GetRequiredService<IOptions<ChatModelOptions>>().Value;

    [Fact]
    public async Task ProviderNone_RegistersNoChatClient_AndTheStatusSaysSoPlainly()
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?> { ["Models:Chat:Provider"] = "none" });

        var status = services.GetRequiredService<IChatModelStatus>();

        Assert.Null(services.GetService<IChatClient>());
        Assert.False(status.IsConfigured);
        Assert.Contains("No large model is configured", status.NotConfiguredMessage);
        Assert.Equal("none", status.Describe().Provider);
        Assert.False(status.Describe().Configured);
    }

    [Fact]
    public async Task NoSectionAtAll_MeansNone()
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?>());

        Assert.Null(services.GetService<IChatClient>());
        Assert.False(services.GetRequiredService<IChatModelStatus>().IsConfigured);
        Assert.Equal("none", Resolve(services).Provider);
    }

    [Theory]
    [InlineData("gpt", "Provider is 'gpt'")]
    [InlineData("openai", "Endpoint must be an absolute http(s) URL")]
    [InlineData("llamacpp", "LlamaCpp:ModelPath must point at a GGUF file")]
    public async Task InvalidOptions_FailValidationWithAClearMessage(string provider, string expected)
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?> { ["Models:Chat:Provider"] = provider });

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task OutOfRangeValues_FailDataAnnotations()
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?>
        {
            ["Models:Chat:Provider"] = "none",
            ["Models:Chat:TimeoutSeconds"] = "0",
            ["Models:Chat:MaxConcurrency"] = "0",
            ["Models:Chat:LlamaCpp:Threads"] = "-2",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Contains("TimeoutSeconds", ex.Message);
        Assert.Contains("MaxConcurrency", ex.Message);
        Assert.Contains("Threads", ex.Message);
    }

    [Fact]
    public async Task LlamaCpp_ModelFileMissing_FailsValidationNamingThePath()
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?>
        {
            ["Models:Chat:Provider"] = "llamacpp",
            ["Models:Chat:LlamaCpp:ModelPath"] = "/models/absent.gguf",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Contains("'/models/absent.gguf' does not exist", ex.Message);
    }

    [Fact]
    public async Task ApiKeyInAppSettings_IsRejected_ButFromTheEnvironmentItIsFine()
    {
        var directory = Directory.CreateTempSubdirectory("tutor-ai-settings-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "appsettings.json"),
                """{ "Models": { "Chat": { "Provider": "openai", "Endpoint": "http://127.0.0.1:9/v1", "Model": "m", "ApiKey": "sk-leaked" } } }""",
                TestContext.Current.CancellationToken);
            var fromFile = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.json").Build();
            await using (var services = ChatServices.Build(fromFile))
            {
                var ex = Assert.Throws<OptionsValidationException>(() => Resolve(services));
                Assert.Contains("Keep secrets out of appsettings", ex.Message);
            }

            var fromEnvironment = new ConfigurationBuilder()
                .SetBasePath(directory.FullName)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Chat:Provider"] = "openai", ["Models:Chat:Endpoint"] = "http://127.0.0.1:9/v1", ["Models:Chat:Model"] = "m" })
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Chat:ApiKey"] = "sk-from-env" })
                .Build();
            await using (var services = ChatServices.Build(fromEnvironment))
            {
                Assert.Equal("sk-from-env", Resolve(services).ApiKey);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ValidateOnStart_StopsAHostWithBadOptions()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Chat:Provider"] = "openai" });
        builder.Services.AddTutorChat(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Models:Chat:Model must name the served model", ex.Message);
    }
}

[Collection(LlamaCollection.Name)]
public sealed class LlamaCppRegistrationTests
{
    [Fact]
    public async Task LlamaCpp_RegistersTheInProcessModel_AndReportsItLoaded()
    {
        LlamaNative.EnsureLoaded();
        await using var services = ChatServices.Build(new Dictionary<string, string?>
        {
            ["Models:Chat:Provider"] = "llamacpp",
            ["Models:Chat:LlamaCpp:ModelPath"] = TestPaths.Stories260K,
            ["Models:Chat:LlamaCpp:ContextSize"] = "256",
            ["Models:Chat:LlamaCpp:Threads"] = "1",
            ["Models:Chat:LlamaCpp:NativeDirectory"] = TestPaths.NativeLlama,
        });
        var chat = services.GetRequiredService<IChatClient>();
        var status = services.GetRequiredService<IChatModelStatus>();
        Assert.False(status.Describe().Loaded);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 8 }, TestContext.Current.CancellationToken);

        Assert.Equal(8, response.Usage?.OutputTokenCount);
        var health = status.Describe();
        Assert.Equal("llamacpp", health.Provider);
        Assert.Equal("stories260K", health.Model);
        Assert.True(health.Loaded);
        Assert.NotNull(health.LastSuccessAt);
        Assert.Contains("loaded", health.Summary);
    }

    [Fact]
    public async Task LlamaCpp_CorruptModel_GivesAnUnavailableErrorAndTheStatusShowsIt()
    {
        LlamaNative.EnsureLoaded();
        var corrupt = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.gguf");
        await File.WriteAllBytesAsync(corrupt, (await File.ReadAllBytesAsync(TestPaths.Stories260K, TestContext.Current.CancellationToken))[..5000],
            TestContext.Current.CancellationToken);
        try
        {
            await using var services = ChatServices.Build(new Dictionary<string, string?>
            {
                ["Models:Chat:Provider"] = "llamacpp",
                ["Models:Chat:LlamaCpp:ModelPath"] = corrupt,
                ["Models:Chat:LlamaCpp:NativeDirectory"] = TestPaths.NativeLlama,
            });

            var ex = await Assert.ThrowsAsync<ChatModelException>(() => services.GetRequiredService<IChatClient>()
                .GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: TestContext.Current.CancellationToken));

            Assert.Equal(ChatModelFailure.Unavailable, ex.Failure);
            Assert.Contains("could not be loaded", ex.Message);
            var health = services.GetRequiredService<IChatModelStatus>().Describe();
            Assert.False(health.Loaded);
            Assert.Contains("failed to load", health.Summary);
        }
        finally
        {
            File.Delete(corrupt);
        }
    }
}
