using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Cases.Data.Migrations
{
    /// <inheritdoc />
    public partial class Intake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "awaiting_mediator_since",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "intake_agency",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "intake_id",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "intake_organization_id",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "performed_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "returned_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    region_code = table.Column<string>(type: "text", nullable: false),
                    serves_region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_awaiting_mediator_since",
                table: "cases",
                column: "awaiting_mediator_since",
                filter: "awaiting_mediator_since IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_intake_id",
                table: "cases",
                column: "intake_id",
                unique: true,
                filter: "intake_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_intake_organization_id_external_ref",
                table: "cases",
                columns: new[] { "intake_organization_id", "external_ref" },
                unique: true,
                filter: "intake_organization_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropIndex(
                name: "ix_cases_awaiting_mediator_since",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_intake_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_intake_organization_id_external_ref",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "awaiting_mediator_since",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "intake_agency",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "intake_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "intake_organization_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "performed_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "returned_at",
                table: "cases");
        }
    }
}
