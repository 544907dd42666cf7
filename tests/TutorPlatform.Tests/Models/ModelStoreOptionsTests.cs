using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Models;

namespace TutorPlatform.Tests.Models;

public sealed class ModelStoreOptionsTests
{
    [Fact]
    public void DefaultDirectory_InsideACheckout_IsDotModelsAtTheRoot()
    {
        var root = Directory.CreateTempSubdirectory("tutor-checkout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "TutorPlatform.sln"), "");
            var bin = Directory.CreateDirectory(Path.Combine(root, "src", "App", "bin")).FullName;

            Assert.Equal(Path.Combine(root, ".models"), ModelStoreOptions.DefaultDirectory(bin));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void DefaultDirectory_OutsideACheckout_IsModelsBesideTheApp()
    {
        var app = Directory.CreateTempSubdirectory("tutor-app-").FullName;
        try
        {
            Assert.Equal(Path.Combine(app, "models"), ModelStoreOptions.DefaultDirectory(app));
        }
        finally
        {
            Directory.Delete(app);
        }
    }

    [Fact]
    public void Validate_DirectoryThatIsAFile_Fails()
    {
        var file = Path.GetTempFileName();
        try
        {
            var options = new ModelStoreOptions { Directory = file };
            var errors = new List<ValidationResult>();

            Assert.False(Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
            Assert.Contains("is a file", Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AddTutorModelStore_BindsModelsDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tutor-models-bound");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Directory"] = directory }).Build();
        using var services = new ServiceCollection().AddTutorModelStore(configuration).BuildServiceProvider();

        Assert.Equal(directory, services.GetRequiredService<ModelStore>().Directory);
        Assert.NotEmpty(services.GetRequiredService<ModelStore>().Manifest.Entries);
    }

    [Fact]
    public void AddTutorModelStore_DirectoryIsAFile_FailsValidation()
    {
        var file = Path.GetTempFileName();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Directory"] = file }).Build();
            using var services = new ServiceCollection().AddTutorModelStore(configuration).BuildServiceProvider();

            Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelStoreOptions>>().Value);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
