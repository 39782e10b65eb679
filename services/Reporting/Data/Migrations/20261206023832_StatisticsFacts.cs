using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "amount_agreed",
                table: "case_facts",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "judicial_confirmation_applied_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "judicial_confirmed_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "performed_at",
                table: "case_facts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "prevented_criminal_case",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "prevented_group_fight",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "prevented_group_petition",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "prevented_suicide",
                table: "case_facts",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "key",
                table: "case_counters",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amount_agreed",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "judicial_confirmation_applied_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "judicial_confirmed_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "performed_at",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "prevented_criminal_case",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "prevented_group_fight",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "prevented_group_petition",
                table: "case_facts");

            migrationBuilder.DropColumn(
                name: "prevented_suicide",
                table: "case_facts");

            migrationBuilder.AlterColumn<string>(
                name: "key",
                table: "case_counters",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);
        }
    }
}
