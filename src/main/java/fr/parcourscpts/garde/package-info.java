/**
 * The engine's guard: every command that a person sends to the workflow engine — through
 * {@code /engine-rest}, the webapps' API or any other door — passes one interceptor
 * inside the engine, which lets through what the path allows and nothing else. Porteurs
 * never reach the engine; an agent claims, completes and comments the tasks it sees,
 * writing only the outputs its task's form declares, checked against the form and the
 * domain rules of each module ({@link fr.parcourscpts.garde.ControleSorties}); a regional
 * administrator reads and retries; legal-deadline timers never fire before their due
 * date, whoever asks. Application code and the job executor act without an engine
 * authentication and are trusted, but for the legal timers.
 */
package fr.parcourscpts.garde;
