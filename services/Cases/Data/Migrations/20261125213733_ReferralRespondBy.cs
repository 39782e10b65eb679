using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Cases.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReferralRespondBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "respond_by",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "respond_by",
                table: "referrals");
        }
    }
}
