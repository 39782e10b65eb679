using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_counters",
                columns: table => new
                {
                    region_code = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    town_code = table.Column<string>(type: "text", nullable: true),
                    district_code = table.Column<string>(type: "text", nullable: true),
                    value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_counters", x => new { x.region_code, x.year, x.metric });
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_counters_district_code_year",
                table: "case_counters",
                columns: new[] { "district_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_case_counters_town_code_year",
                table: "case_counters",
                columns: new[] { "town_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_case_counters_year",
                table: "case_counters",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_counters");
        }
    }
}
