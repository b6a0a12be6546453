using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Plugins.Campaigns.Migrations
{
    /// <inheritdoc />
    public partial class CampaignClosed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Campaigns");
        }
    }
}
