using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoalitionBot.Plugins.Meetings.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    StartLocal = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Rule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RuleText = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeadMinutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Agenda = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    AllDay = table.Column<bool>(type: "boolean", nullable: false),
                    SubscriptionId = table.Column<long>(type: "bigint", nullable: true),
                    ExternalKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_FeedTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_FeedTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_Rsvps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    OccurrenceStart = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Going = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Rsvps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_Skips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    OccurrenceStart = table.Column<long>(type: "bigint", nullable: false),
                    SkippedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SkippedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Skips", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_Subscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Filter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeadMinutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ETag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastModified = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastRefreshAt = table.Column<long>(type: "bigint", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    NextRefreshAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_Subscriptions", x => x.Id);
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
                name: "IX_Meetings_TenantId_SubscriptionId_ExternalKey",
                table: "Meetings",
                columns: new[] { "TenantId", "SubscriptionId", "ExternalKey" },
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
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Meetings_FeedTokens");

            migrationBuilder.DropTable(
                name: "Meetings_Rsvps");

            migrationBuilder.DropTable(
                name: "Meetings_Skips");

            migrationBuilder.DropTable(
                name: "Meetings_Subscriptions");
        }
    }
}
