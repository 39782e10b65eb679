namespace MediationPlatform.Mediators.Features.Sessions;

public enum BookingResource { Mediator, Room }
