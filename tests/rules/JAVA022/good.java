import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

@RestController
public class SafeController {
    private static final String BACKUP = "/usr/local/bin/backup.sh";

    void backup() throws Exception {
        // a fixed command
        Runtime.getRuntime().exec(new String[] {BACKUP, "--full"});
        new ProcessBuilder("pg_dump", "-Fc", "hospital").start();
    }

    @GetMapping("/convert")
    String convert(@RequestParam String study, HttpServletRequest request) throws Exception {
        // request input that does not reach a command
        String id = request.getParameter("id");
        log.info("convert {}", id.length());
        // the hardened twin: the value is looked up in an allow-list, the command is fixed
        String path = STUDIES.get(study.hashCode());
        new ProcessBuilder("dcm2pnm", CONFIG_DIR).start();
        return "ok";
    }

    void local(String cmd) throws Exception {
        // not request input: a caller's argument (reported by no rule here)
        Runtime.getRuntime().exec(cmd);
    }
}
