using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Gateway.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceClientDisableAndStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "disabled",
                table: "service_clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "security_stamp",
                table: "service_clients",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "disabled",
                table: "service_clients");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "service_clients");
        }
    }
}
