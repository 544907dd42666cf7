using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TutorPlatform.Migrations
{
    /// <inheritdoc />
    public partial class EssayCoach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "draft_saved_at",
                table: "submissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_text",
                table: "submissions",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "essay_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    prompt = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    word_count = table.Column<int>(type: "integer", nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: true),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    issues = table.Column<string>(type: "jsonb", nullable: false),
                    relevance = table.Column<string>(type: "jsonb", nullable: true),
                    feedback = table.Column<string>(type: "text", nullable: true),
                    feedback_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    feedback_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    feedback_prompt_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    feedback_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    webhook_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    webhook_delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    webhook_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_essay_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_essay_assessments_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "essay_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    word_count = table.Column<int>(type: "integer", nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: true),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    issues = table.Column<string>(type: "jsonb", nullable: false),
                    relevance = table.Column<string>(type: "jsonb", nullable: true),
                    feedback = table.Column<string>(type: "text", nullable: true),
                    feedback_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    feedback_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    feedback_prompt_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    teacher_scores = table.Column<string>(type: "jsonb", nullable: false),
                    teacher_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_essay_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_essay_versions_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_essay_assessments_owner_id_created_at",
                table: "essay_assessments",
                columns: new[] { "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_essay_versions_submission_id_number",
                table: "essay_versions",
                columns: new[] { "submission_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "essay_assessments");

            migrationBuilder.DropTable(
                name: "essay_versions");

            migrationBuilder.DropColumn(
                name: "draft_saved_at",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "draft_text",
                table: "submissions");
        }
    }
}
