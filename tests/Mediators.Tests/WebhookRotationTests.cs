using MediationPlatform.Mediators.Features.Organizations;

namespace MediationPlatform.Mediators.Tests;

/// <summary>The rotation of an organisation's webhook secret (<see cref="Organization.SetWebhook"/>), without a database.</summary>
public sealed class WebhookRotationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-07T10:00:00+08:00");
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static Organization WithWebhook(string secret)
    {
        var o = new Organization { Id = Guid.CreateVersion7(), Name = "木耳派出所" };
        o.SetWebhook("https://police.example.gov.cn/hook", secret, secretChanged: true, Now.AddDays(-30), Day);
        return o;
    }

    [Fact]
    public void A_first_webhook_has_no_previous_secret()
    {
        var o = WithWebhook("stored-A");
        Assert.Equal(("stored-A", null, null), (o.WebhookSecret, o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));
    }

    [Fact]
    public void A_changed_secret_keeps_the_replaced_one_signing_until_the_window_ends()
    {
        var o = WithWebhook("stored-A");
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B", secretChanged: true, Now, Day);
        Assert.Equal("stored-B", o.WebhookSecret);
        Assert.Equal("stored-A", o.PreviousWebhookSecretAt(Now.AddHours(23)));
        Assert.Null(o.PreviousWebhookSecretAt(Now + Day)); // the window is half-open: at its end the old secret stops
    }

    [Fact]
    public void The_same_secret_again_leaves_the_window_as_it_was()
    {
        var o = WithWebhook("stored-A");
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B", secretChanged: true, Now, Day);
        o.SetWebhook("https://police.example.gov.cn/hook2", "stored-B'", secretChanged: false, Now.AddHours(5), Day);
        Assert.Equal(("https://police.example.gov.cn/hook2", "stored-A", Now + Day), (o.WebhookUrl, o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));
    }

    [Fact]
    public void A_second_rotation_within_the_window_keeps_only_the_secret_it_replaced()
    {
        var o = WithWebhook("stored-A");
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B", secretChanged: true, Now, Day);
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-C", secretChanged: true, Now.AddHours(2), Day);
        Assert.Equal(("stored-C", "stored-B", Now.AddHours(2) + Day), (o.WebhookSecret, o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));
    }

    [Fact]
    public void A_zero_window_ends_the_replaced_secret_at_once_and_removal_forgets_both()
    {
        var o = WithWebhook("stored-A");
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B", secretChanged: true, Now, TimeSpan.Zero);
        Assert.Equal((null, null), (o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));

        o.SetWebhook("https://police.example.gov.cn/hook", "stored-C", secretChanged: true, Now, Day);
        o.RemoveWebhook();
        Assert.Equal((null, null, null, null), (o.WebhookUrl, o.WebhookSecret, o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));
        Assert.Null(o.PreviousWebhookSecretAt(Now));
    }

    [Fact]
    public void Revoking_ends_the_replaced_secret_at_once_and_a_closed_window_is_forgotten_at_the_next_change()
    {
        var o = WithWebhook("stored-A");
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B", secretChanged: true, Now, Day);
        o.SetWebhook("https://police.example.gov.cn/hook", "stored-B'", secretChanged: false, Now.AddHours(1), Day, revokePrevious: true);
        Assert.Equal((null, null), (o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil));

        o.SetWebhook("https://police.example.gov.cn/hook", "stored-C", secretChanged: true, Now, Day, revokePrevious: true); // rotated and revoked at once
        Assert.Equal(("stored-C", null), (o.WebhookSecret, o.PreviousWebhookSecret));

        o.SetWebhook("https://police.example.gov.cn/hook", "stored-D", secretChanged: true, Now, Day);
        o.SetWebhook("https://police.example.gov.cn/other", "stored-D'", secretChanged: false, Now + Day + TimeSpan.FromMinutes(1), Day);
        Assert.Equal((null, null), (o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil)); // its window had closed
    }
}
