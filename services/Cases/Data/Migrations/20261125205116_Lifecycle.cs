using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Cases.Data.Migrations
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "accepted_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "advised_route",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agreement_summary",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "agreement_type",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "amount_agreed",
                table: "cases",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "concluded_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "concluded_on_time",
                table: "cases",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "escalation_prevented",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "extension_days",
                table: "cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "follow_ups",
                table: "cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "judicial_confirmation_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "judicial_confirmation_status",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_occurred_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "opinion",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "opinion_summary",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome_reason",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "performance_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "review_level",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response_body = table.Column<string>(type: "jsonb", nullable: false),
                    location = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.user_id, x.key });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "accepted_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "advised_route",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "agreement_summary",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "agreement_type",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "amount_agreed",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "concluded_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "concluded_on_time",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "escalation_prevented",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "extension_days",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "follow_ups",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "judicial_confirmation_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "judicial_confirmation_status",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "last_occurred_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "opinion",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "opinion_summary",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "outcome_reason",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "performance_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "review_level",
                table: "cases");
        }
    }
}
