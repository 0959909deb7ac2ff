import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

@RestController
public class ReportController {
    void export(HttpServletRequest request) throws Exception {
        String file = request.getParameter("file");
        // expect: JAVA022
        Runtime.getRuntime().exec("/usr/bin/convert " + file + " out.pdf");
    }

    @GetMapping("/ping")
    String ping(@RequestParam String host) throws Exception {
        // expect: JAVA022
        Process p = new ProcessBuilder("sh", "-c", "ping -c 1 " + host).start();
        return "ok";
    }

    @PostMapping("/dicom/{study}")
    void convert(@PathVariable("study") String study) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        // expect: JAVA022
        pb.command("dcm2pnm", study);
        pb.start();
    }
}
