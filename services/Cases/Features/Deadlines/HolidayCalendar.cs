using MediationPlatform.Cases.Domain;

namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>Loads the working-day calendar from <c>Calendar:HolidaysFile</c> (the State Council's 放假/调休 notices as JSON).</summary>
public static class HolidayCalendar
{
    public const string DefaultFile = "Data/Calendar/cn-holidays-2021-2026.json";

    public static WorkingDayCalendar Load(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        // relative paths are resolved against the app's folder, then its content root
        var file = configuration["Calendar:HolidaysFile"] ?? DefaultFile;
        var path = Path.IsPathRooted(file) ? file
            : new[] { Path.Combine(AppContext.BaseDirectory, file), Path.Combine(environment.ContentRootPath, file) }.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException($"Calendar:HolidaysFile '{file}' was not found.");
        return WorkingDayCalendar.FromJson(File.ReadAllText(path), year => logger.LogWarning(
            "The working-day calendar has no holiday data for {Year} ({File}); counting weekends only. Add the year's notice to the file.", year, path));
    }
}
