package fr.parcourscpts.notification;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where an agent chooses between one mail per notification and a daily digest. */
@Controller
class PreferencesCourrielController {

	static final String VIEW = "notification/preferences";

	private final PreferencesCourriel preferences;

	PreferencesCourrielController(PreferencesCourriel preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/preferences/courriels")
	String show(Authentication authentication, Model model) {
		model.addAttribute("mode", this.preferences.modeOf(authentication.getName()));
		model.addAttribute("modes", PreferencesCourriel.Mode.values());
		return VIEW;
	}

	@PostMapping("/preferences/courriels")
	String choose(@RequestParam PreferencesCourriel.Mode mode, Authentication authentication) {
		this.preferences.choose(authentication.getName(), mode);
		return "redirect:/preferences/courriels?enregistre";
	}

}
