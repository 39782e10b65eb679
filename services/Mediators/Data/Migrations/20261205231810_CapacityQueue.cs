using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Mediators.Data.Migrations
{
    /// <inheritdoc />
    public partial class CapacityQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "awaiting_since",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_awaiting",
                table: "cases",
                column: "received_at",
                filter: "awaiting_since IS NOT NULL AND assigned_mediator_id IS NULL AND NOT closed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_awaiting",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "awaiting_since",
                table: "cases");
        }
    }
}
