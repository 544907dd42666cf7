using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TutorPlatform.Migrations
{
    /// <inheritdoc />
    public partial class SpeakingCoach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "role_play_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    transcript_json = table.Column<string>(type: "jsonb", nullable: false),
                    summary_json = table.Column<string>(type: "jsonb", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_play_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_play_conversations_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_role_play_conversations_users_student_id",
                        column: x => x.student_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "speaking_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    drill_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reference_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recognized_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    audio_seconds = table.Column<double>(type: "double precision", nullable: false),
                    accuracy = table.Column<double>(type: "double precision", nullable: true),
                    fluency = table.Column<double>(type: "double precision", nullable: true),
                    completeness = table.Column<double>(type: "double precision", nullable: true),
                    prosody = table.Column<double>(type: "double precision", nullable: true),
                    total = table.Column<double>(type: "double precision", nullable: true),
                    assessment_json = table.Column<string>(type: "jsonb", nullable: true),
                    feedback_json = table.Column<string>(type: "jsonb", nullable: true),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handed_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    teacher_score = table.Column<double>(type: "double precision", nullable: true),
                    teacher_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reviewed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    audio_bytes = table.Column<int>(type: "integer", nullable: false),
                    audio_deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speaking_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_speaking_attempts_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_speaking_attempts_role_play_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "role_play_conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_speaking_attempts_users_student_id",
                        column: x => x.student_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "speaking_audio",
                columns: table => new
                {
                    attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    wav = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speaking_audio", x => x.attempt_id);
                    table.ForeignKey(
                        name: "fk_speaking_audio_speaking_attempts_attempt_id",
                        column: x => x.attempt_id,
                        principalTable: "speaking_attempts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_role_play_conversations_assignment_id_student_id",
                table: "role_play_conversations",
                columns: new[] { "assignment_id", "student_id" });

            migrationBuilder.CreateIndex(
                name: "ix_role_play_conversations_student_id",
                table: "role_play_conversations",
                column: "student_id");

            migrationBuilder.CreateIndex(
                name: "ix_speaking_attempts_assignment_id_student_id",
                table: "speaking_attempts",
                columns: new[] { "assignment_id", "student_id" });

            migrationBuilder.CreateIndex(
                name: "ix_speaking_attempts_conversation_id",
                table: "speaking_attempts",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_speaking_attempts_created_at",
                table: "speaking_attempts",
                column: "created_at",
                filter: "audio_deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_speaking_attempts_student_id_created_at",
                table: "speaking_attempts",
                columns: new[] { "student_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "speaking_audio");

            migrationBuilder.DropTable(
                name: "speaking_attempts");

            migrationBuilder.DropTable(
                name: "role_play_conversations");
        }
    }
}
