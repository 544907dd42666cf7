using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TutorPlatform.Migrations
{
    /// <inheritdoc />
    public partial class AiCallRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ai_call_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    feature = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prompt = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    model = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    latency_ms = table.Column<int>(type: "integer", nullable: false),
                    time_to_first_token_ms = table.Column<int>(type: "integer", nullable: true),
                    tokens_in = table.Column<long>(type: "bigint", nullable: true),
                    tokens_out = table.Column<long>(type: "bigint", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    prompt_text = table.Column<string>(type: "text", nullable: true),
                    response_text = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ai_call_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ai_call_records_at",
                table: "ai_call_records",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_ai_call_records_feature_at",
                table: "ai_call_records",
                columns: new[] { "feature", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_call_records");
        }
    }
}
