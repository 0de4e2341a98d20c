package fr.parcourscpts.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clock of the outbox: runs the sender job after a fixed delay and the daily digests
 * at their hour. Off when {@code parcours.courriels.envoi-planifie=false} (the tests call
 * the jobs themselves).
 */
@Component
@ConditionalOnProperty(prefix = "parcours.courriels", name = "envoi-planifie", havingValue = "true",
		matchIfMissing = true)
class CourrielSchedule {

	private final CourrielSender sender;

	private final ResumeQuotidien resumes;

	CourrielSchedule(CourrielSender sender, ResumeQuotidien resumes) {
		this.sender = sender;
		this.resumes = resumes;
	}

	@Scheduled(fixedDelayString = "${parcours.courriels.delai-envoi:PT30S}", initialDelayString = "PT10S")
	void sendDue() {
		this.sender.sendDue();
	}

	@Scheduled(cron = "${parcours.courriels.resume-quotidien:0 0 7 * * *}", zone = "Europe/Paris")
	void sendDigests() {
		this.resumes.sendDigests();
	}

}
