using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoalitionBot.Plugins.Meetings.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgendaWatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WatchId",
                table: "Meetings",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Meetings_AgendaWatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BodyIds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    BodyNames = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Keywords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    MatterFile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MatterId = table.Column<long>(type: "bigint", nullable: true),
                    MatterTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    MatterStatus = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MatterAgendaDate = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    MatterHistorySeen = table.Column<long>(type: "bigint", nullable: true),
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeadMinutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedToken = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ChangedSince = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NextFullReadAt = table.Column<long>(type: "bigint", nullable: false),
                    LastCheckAt = table.Column<long>(type: "bigint", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    NextCheckAt = table.Column<long>(type: "bigint", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<long>(type: "bigint", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_AgendaWatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_AgendaWatchEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WatchId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CheckedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_AgendaWatchEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings_AgendaWatchItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WatchId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    EventItemId = table.Column<long>(type: "bigint", nullable: false),
                    MeetingId = table.Column<long>(type: "bigint", nullable: true),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MatterFile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Keyword = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Removed = table.Column<bool>(type: "boolean", nullable: false),
                    AlertedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings_AgendaWatchItems", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_TenantId_WatchId_ExternalKey",
                table: "Meetings",
                columns: new[] { "TenantId", "WatchId", "ExternalKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatches_NextCheckAt",
                table: "Meetings_AgendaWatches",
                column: "NextCheckAt");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatches_TenantId",
                table: "Meetings_AgendaWatches",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatches_TenantId_Number",
                table: "Meetings_AgendaWatches",
                columns: new[] { "TenantId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatchEvents_TenantId",
                table: "Meetings_AgendaWatchEvents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatchEvents_TenantId_WatchId_EventId",
                table: "Meetings_AgendaWatchEvents",
                columns: new[] { "TenantId", "WatchId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatchItems_TenantId",
                table: "Meetings_AgendaWatchItems",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_AgendaWatchItems_TenantId_WatchId_EventItemId",
                table: "Meetings_AgendaWatchItems",
                columns: new[] { "TenantId", "WatchId", "EventItemId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Meetings_AgendaWatches");

            migrationBuilder.DropTable(
                name: "Meetings_AgendaWatchEvents");

            migrationBuilder.DropTable(
                name: "Meetings_AgendaWatchItems");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_TenantId_WatchId_ExternalKey",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "WatchId",
                table: "Meetings");
        }
    }
}
