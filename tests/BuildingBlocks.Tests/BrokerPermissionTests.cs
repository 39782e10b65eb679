using MediationPlatform.TestKit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>
/// Each service's RabbitMQ user (deploy/rabbitmq/permissions.tsv) can do its own work and nothing of the others': the
/// reporting service reads events but cannot publish one, no service reads another's queues (ADR 0015).
/// </summary>
public sealed class BrokerPermissionTests : IAsyncLifetime
{
    private const string CaseRegistered = "MediationPlatform.Contracts.Events:CaseRegistered";
    private const string ReferralAccepted = "MediationPlatform.Contracts.Events:ReferralAccepted";
    private const string IntakeChanged = "MediationPlatform.Contracts.Events:IntakeChanged";
    private const string AssignmentAwaited = "MediationPlatform.Contracts.Events:AssignmentAwaited";
    private const string OrganizationRegistered = "MediationPlatform.Contracts.Events:OrganizationRegistered";
    private TestInfrastructure _infra = null!;
    private TestVirtualHost _vhost = null!;

    public async Task InitializeAsync()
    {
        _infra = await TestInfrastructure.GetAsync();
        _vhost = await _infra.CreateVirtualHostAsync("perm");
        Assert.True(await _infra.GrantServiceUsersAsync(_vhost.Name));
        // what the services declare, made by the administrator
        await using var admin = await ConnectAsync(_infra.RabbitUser, _infra.RabbitPassword);
        await using var channel = await admin.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(CaseRegistered, ExchangeType.Fanout, durable: true);
        await channel.ExchangeDeclareAsync(ReferralAccepted, ExchangeType.Fanout, durable: true);
        foreach (var exchange in new[] { IntakeChanged, AssignmentAwaited, OrganizationRegistered })
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync("cases-referral-accepted", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync("reporting-case-registered", durable: true, exclusive: false, autoDelete: false);
    }

    public async Task DisposeAsync() => await _vhost.DisposeAsync();

    private Task<IConnection> ConnectAsync(string user, string password) => new ConnectionFactory
    {
        HostName = _infra.RabbitHost, Port = _infra.RabbitPort, VirtualHost = _vhost.Name, UserName = user, Password = password,
    }.CreateConnectionAsync();

    private Task<IConnection> ServiceAsync(string user) => ConnectAsync(user, _infra.ServicePasswords[user]);

    private static async Task PublishAsync(IConnection connection, string exchange)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(exchange, "", "{}"u8.ToArray());
    }

    [Fact]
    public async Task The_case_service_publishes_events_and_reads_its_own_queues()
    {
        await using var cases = await ServiceAsync("cases");
        await PublishAsync(cases, CaseRegistered); // confirmed by the broker, or it throws
        await using var channel = await cases.CreateChannelAsync();
        var queue = await channel.QueueDeclarePassiveAsync("cases-referral-accepted");
        Assert.Equal("cases-referral-accepted", queue.QueueName);
        await channel.QueueBindAsync("cases-referral-accepted", ReferralAccepted, "");
        // a message put on its queue by the broker is one it can take
        await using var admin = await ConnectAsync(_infra.RabbitUser, _infra.RabbitPassword);
        await PublishAsync(admin, ReferralAccepted);
        BasicGetResult? got = null;
        for (var i = 0; i < 50 && got is null; i++)
        {
            got = await channel.BasicGetAsync("cases-referral-accepted", autoAck: true);
            if (got is null) await Task.Delay(100);
        }
        Assert.True(got is not null, "the case service could not take the message on its own queue");
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(got!.Body.Span));
    }

    [Fact]
    public async Task The_reporting_service_cannot_publish_an_event()
    {
        await using var reporting = await ServiceAsync("reporting");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(reporting, CaseRegistered));
        Assert.Contains("ACCESS_REFUSED", refused.ToString());
        // but it reads its own queue and may bind it to the event's exchange
        await using var channel = await reporting.CreateChannelAsync();
        await channel.QueueBindAsync("reporting-case-registered", CaseRegistered, "");
        await channel.BasicGetAsync("reporting-case-registered", autoAck: false);
    }

    [Theory]
    [InlineData("cases", IntakeChanged)]
    [InlineData("mediators", AssignmentAwaited)]
    [InlineData("mediators", OrganizationRegistered)]
    public async Task Each_service_publishes_the_events_it_owns(string user, string exchange)
    {
        await using var connection = await ServiceAsync(user);
        await PublishAsync(connection, exchange); // confirmed, or ACCESS_REFUSED would throw
        Assert.True(connection.IsOpen, $"{user} lost its connection publishing {exchange}");
    }

    [Theory]
    [InlineData("mediators", CaseRegistered)]
    [InlineData("cases", ReferralAccepted)]
    [InlineData("mediators", IntakeChanged)]
    [InlineData("cases", AssignmentAwaited)]
    [InlineData("cases", OrganizationRegistered)]
    public async Task A_service_cannot_publish_another_services_event(string user, string exchange)
    {
        await using var connection = await ServiceAsync(user);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(connection, exchange));
        Assert.Contains("ACCESS_REFUSED", refused.ToString());
        // its own kind it may publish
        await using var again = await ServiceAsync(user);
        await PublishAsync(again, user == "cases" ? CaseRegistered : ReferralAccepted);
    }

    [Theory]
    [InlineData("reporting", "cases-referral-accepted")]
    [InlineData("mediators", "cases-referral-accepted")]
    [InlineData("cases", "reporting-case-registered")]
    public async Task No_service_reads_another_services_queue(string user, string queue)
    {
        await using var connection = await ServiceAsync(user);
        await using var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync(queue, autoAck: false));
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode ?? 0);
    }
}
