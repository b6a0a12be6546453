using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Plugins.Meetings.Migrations
{
    /// <inheritdoc />
    public partial class InitialMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    StartLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RuleText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeadMinutes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_FeedTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_FeedTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_Rsvps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurrenceStart = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Going = table.Column<bool>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Rsvps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_Skips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurrenceStart = table.Column<long>(type: "INTEGER", nullable: false),
                    SkippedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SkippedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Skips", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_TenantId",
                table: "Meetings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_TenantId_Number",
                table: "Meetings",
                columns: new[] { "TenantId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_FeedTokens_TenantId",
                table: "Meetings_FeedTokens",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_FeedTokens_Token",
                table: "Meetings_FeedTokens",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Rsvps_TenantId",
                table: "Meetings_Rsvps",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Rsvps_TenantId_MeetingId_OccurrenceStart_UserId",
                table: "Meetings_Rsvps",
                columns: new[] { "TenantId", "MeetingId", "OccurrenceStart", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Skips_TenantId",
                table: "Meetings_Skips",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Skips_TenantId_MeetingId_OccurrenceStart",
                table: "Meetings_Skips",
                columns: new[] { "TenantId", "MeetingId", "OccurrenceStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Meetings_FeedTokens");

            migrationBuilder.DropTable(
                name: "Meetings_Rsvps");

            migrationBuilder.DropTable(
                name: "Meetings_Skips");
        }
    }
}
