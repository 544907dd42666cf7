using Bunit;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Web.Components.ApiKeys;

namespace TutorPlatform.Tests.Components.ApiKeys;

public sealed class ApiKeyComponentsTests : MudComponentTest
{
    private static readonly ApiKeySummary Active = new(Guid.NewGuid(), "Gradebook sync", "abc123", Now.AddDays(-2), null, null);

    [Fact]
    public void CreateForm_EmptyName_ShowsMessageAndDoesNotRaiseOnCreate()
    {
        ApiKeyInput? created = null;
        var cut = Render<ApiKeyCreateForm>(p => p.Add(x => x.OnCreate, input => created = input));

        cut.Find("form").Submit();

        Assert.Null(created);
        Assert.Contains("Name the key after the app that will use it.", FieldErrors(cut));
    }

    [Fact]
    public void CreateForm_Name_RaisesOnCreateWithTrimmedName()
    {
        ApiKeyInput? created = null;
        var cut = Render<ApiKeyCreateForm>(p => p.Add(x => x.OnCreate, input => created = input));

        cut.Find("input[data-testid=api-key-name]").Change(" Gradebook sync ");
        cut.Find("form").Submit();

        Assert.Equal(new ApiKeyInput("Gradebook sync"), created);
    }

    [Fact]
    public void CreateForm_Cleared_EmptiesTheFieldWithoutComplaining()
    {
        var cut = Render<ApiKeyCreateForm>(p => p.Add(x => x.OnCreate, _ => { }));
        cut.Find("input[data-testid=api-key-name]").Change("Gradebook sync");
        cut.Find("form").Submit();

        cut.InvokeAsync(cut.Instance.Clear);

        Assert.Equal("", cut.Find("input[data-testid=api-key-name]").GetAttribute("value") ?? "");
        Assert.Empty(FieldErrors(cut));
    }

    [Fact]
    public void NewKeyPanel_Key_ShowsItOnceWithWarningAndCopies()
    {
        var cut = Render<NewApiKeyPanel>(p => p.Add(x => x.Created, new CreatedApiKey(Active, "tp_abc123_secretpart")));

        Assert.Equal("tp_abc123_secretpart", cut.Find("[data-testid=new-api-key]").TextContent);
        Assert.Contains("It will not be shown again", cut.Find("[data-testid=new-api-key-panel]").TextContent);
        cut.Find("button[data-testid=copy-api-key]").Click();
        Assert.Equal("tp_abc123_secretpart", JSInterop.Invocations.Single(i => i.Identifier == "copyText").Arguments[0]);
    }

    [Fact]
    public void Table_RevokeConfirmed_RaisesOnRevoke()
    {
        var host = RenderDialogHost();
        ApiKeySummary? revoked = null;
        var cut = Render<ApiKeyTable>(p => p.Add(x => x.Keys, [Active]).Add(x => x.OnRevoke, k => revoked = k));

        cut.Find("button[data-testid=revoke-api-key]").Click();
        host.WaitForElement("[data-testid=confirm-button]").Click();

        Assert.Equal(Active, revoked);
    }

    [Fact]
    public void Table_Keys_ShowDisplayPrefixAndStatusButNoRevokeForRevokedKey()
    {
        var revoked = Active with { Id = Guid.NewGuid(), Name = "Old sync", RevokedAt = Now.AddDays(-1) };

        var cut = Render<ApiKeyTable>(p => p.Add(x => x.Keys, [Active, revoked]));

        var rows = cut.FindAll("tbody tr");
        Assert.Contains(Active.Display, rows[0].TextContent);
        Assert.Contains("Never", rows[0].TextContent);
        Assert.Equal(["Active", "Revoked"], cut.FindAll("[data-testid=api-key-status]").Select(s => s.TextContent.Trim()));
        Assert.Single(cut.FindAll("button[data-testid=revoke-api-key]"));
    }

    [Fact]
    public void UsageHelp_BaseUri_ShowsCurlWithApiKeyHeaderAndDocsLink()
    {
        var cut = Render<ApiUsageHelp>(p => p.Add(x => x.BaseUri, "https://tutor.school.example/"));

        Assert.Equal("curl -H \"X-Api-Key: YOUR_KEY\" https://tutor.school.example/api/v1/classes", cut.Find("[data-testid=curl-example]").TextContent);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "api/docs");
    }
}
