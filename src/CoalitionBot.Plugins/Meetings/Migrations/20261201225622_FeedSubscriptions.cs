using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Plugins.Meetings.Migrations
{
    /// <inheritdoc />
    public partial class FeedSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllDay",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExternalKey",
                table: "Meetings",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubscriptionId",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Meetings_Subscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeadMinutes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastModified = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastRefreshAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    NextRefreshAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_TenantId_SubscriptionId_ExternalKey",
                table: "Meetings",
                columns: new[] { "TenantId", "SubscriptionId", "ExternalKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Subscriptions_NextRefreshAt",
                table: "Meetings_Subscriptions",
                column: "NextRefreshAt");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Subscriptions_TenantId",
                table: "Meetings_Subscriptions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Subscriptions_TenantId_Number",
                table: "Meetings_Subscriptions",
                columns: new[] { "TenantId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Meetings_Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_TenantId_SubscriptionId_ExternalKey",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "AllDay",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ExternalKey",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "SubscriptionId",
                table: "Meetings");
        }
    }
}
