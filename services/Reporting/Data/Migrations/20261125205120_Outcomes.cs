using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "accepted_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "agreement_type",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "concluded_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "concluded_on_time",
                table: "case_facts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "escalation_prevented",
                table: "case_facts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "not_accepted_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "opinion",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_requested_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "second_review_requested_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "transferred_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unresolved_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "accepted_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "agreement_type",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "concluded_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "concluded_on_time",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "escalation_prevented",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "not_accepted_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "opinion",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "review_requested_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "second_review_requested_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "transferred_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "unresolved_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "case_facts");
        }
    }
}
