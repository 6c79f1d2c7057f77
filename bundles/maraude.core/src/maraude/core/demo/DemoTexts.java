package maraude.core.demo;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invented message variants per language and {@link Kind}. One variant per line; "¶" becomes a line
 * break. Placeholders: {name} person, {w}/{w2} workers, {svc} service, {day}, {hour}, {date}, {addr}
 * service address, {addr2} a made-up delivery address, {phone} a made-up mobile number, {svcphone}.
 * Every text is synthetic: no real person, place of work or number.
 */
final class DemoTexts {

    static final List<String> LANGUAGES = List.of("fr", "nl", "en", "es", "pt", "ro"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

    private static final Map<String, Map<Kind, String[]>> BANK = new HashMap<>();

    static String[] variants(String lang, Kind kind) {
        String[] v = BANK.get(lang).get(kind);
        if (v == null) {
            v = BANK.get("en").get(kind); //$NON-NLS-1$
        }
        return v;
    }

    static String[] days(String lang) {
        return BANK.get(lang).get(Kind.SYS)[0].split(","); //$NON-NLS-1$
    }

    private static void put(String lang, Kind kind, String lines) {
        String[] v = lines.strip().split("\n"); //$NON-NLS-1$
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i].strip().replace('¶', '\n');
        }
        BANK.computeIfAbsent(lang, l -> new EnumMap<>(Kind.class)).put(kind, v);
    }

    private DemoTexts() {
    }

    //CHECKSTYLE:OFF — data, not code
    static {
        // Weekday names (Monday first) are kept under SYS, first line.
        put("fr", Kind.SYS, "lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche"); //$NON-NLS-1$ //$NON-NLS-2$
        put("nl", Kind.SYS, "maandag,dinsdag,woensdag,donderdag,vrijdag,zaterdag,zondag"); //$NON-NLS-1$ //$NON-NLS-2$
        put("en", Kind.SYS, "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday"); //$NON-NLS-1$ //$NON-NLS-2$
        put("es", Kind.SYS, "lunes,martes,miércoles,jueves,viernes,sábado,domingo"); //$NON-NLS-1$ //$NON-NLS-2$
        put("pt", Kind.SYS, "segunda,terça,quarta,quinta,sexta,sábado,domingo"); //$NON-NLS-1$ //$NON-NLS-2$
        put("ro", Kind.SYS, "luni,marți,miercuri,joi,vineri,sâmbătă,duminică"); //$NON-NLS-1$ //$NON-NLS-2$

        // ---------------------------------------------------------------- French (BE/FR usage)
        put("fr", Kind.INTRO, """
            Bonjour {name}, je suis {w} de {svc}, une asbl de santé et de soutien pour les personnes qui travaillent dans le sexe. On propose gratuitement des colis RdR (capotes, lubrifiant, éponges), du dépistage et de l'aide sociale, en toute confidentialité. Si tu as une question, tu peux m'écrire ici 🙂
            Salut ! {svc} ici 👋 On est une équipe d'infirmières et d'assistant·es sociales. Pas de jugement, pas de police : juste de l'info santé, des colis gratuits et un coup de main si besoin (papiers, mutuelle, logement). Bonne journée !
            Bonsoir, je me permets de vous contacter au nom de {svc}. Nous accompagnons les travailleuses et travailleurs du sexe (santé, droits, sécurité). Tout est gratuit et anonyme.¶Permanence le {day} de 14h à 18h, {addr}. Prenez soin de vous.
            Hello {name} ! C'est {w}, travailleuse sociale chez {svc}. Je passe juste te dire qu'on existe 😊 Dépistage gratuit, PrEP, colis de prévention, écoute. Tu peux répondre quand tu veux, ou jamais, c'est ok aussi.
            Bonjour, ici {svc} (asbl). On contacte les personnes qui ont une annonce sur la plateforme pour proposer notre soutien : matériel de prévention gratuit, test VIH/IST, aide pour le CPAS. Ce message n'est pas commercial. Belle journée
            Coucou {name}, {svc} ici ! On fait des maraudes en ligne pour faire connaître nos services : colis RdR envoyés discrètement, infirmière, accompagnement social. Numéro de la permanence : {svcphone} (appel ou WhatsApp).
            Bonjour {name}. {w} de {svc}. On est un service social et de santé spécialisé, soumis au secret professionnel. Si un jour tu as besoin de capotes, d'un test ou juste de parler, on est là. Bonne soirée 🌙
            """); //$NON-NLS-1$
        put("fr", Kind.KIT, """
            On peut t'envoyer un colis RdR discret par la poste ou tu peux passer le chercher. Il y a préservatifs, lubrifiant, éponges et lingettes. Tu préfères quoi ?
            Pour le colis, il me faut juste une adresse (un prénom suffit, le paquet est neutre, sans logo).
            On a des nouveaux kits : capotes taille XL, lubrifiant à base d'eau et digues dentaires. Tu veux que je t'en mette de côté ?
            """); //$NON-NLS-1$
        put("fr", Kind.KIT_SENT, """
            Ton colis est parti ce matin 📦 Dis-moi quand tu l'as reçu !
            Le colis t'attend à l'accueil, tu peux passer quand tu veux pendant la permanence ({day} 14h-18h).
            C'est envoyé ! Je t'ai mis aussi des autotests VIH et des éponges, dis-moi si tu veux autre chose.
            """); //$NON-NLS-1$
        put("fr", Kind.DEPISTAGE, """
            Le dépistage est gratuit et anonyme, sans rendez-vous le {day} entre 14h et 17h. Résultat VIH rapide en 20 minutes.
            On peut faire le test VIH, syphilis, hépatites et chlamydia. Pas besoin de mutuelle ni de papiers.
            Si tu préfères, notre infirmière peut te voir seule dans le bus médical, c'est plus discret.
            Des brûlures ça peut être une infection facile à soigner, mais il faut consulter. Je te propose de voir l'infirmière {day} à {hour} ?
            Les résultats sont arrivés, l'infirmière voudrait t'en parler de vive voix. Rien d'alarmant, ne t'inquiète pas. Tu peux passer quand ?
            """); //$NON-NLS-1$
        put("fr", Kind.PREP, """
            La PrEP c'est un comprimé qui protège du VIH. Elle est remboursée en Belgique avec une mutuelle, sinon on cherche une solution ensemble.
            Pour la PrEP il faut d'abord une prise de sang (reins, hépatites). Je peux te prendre un rdv {day} ?
            Si tu la prends tous les jours, oublier 1 ou 2 jours ne te rend pas tout de suite vulnérable, mais pose la question au médecin pour être sûr·e. On peut l'appeler ensemble.
            """); //$NON-NLS-1$
        put("fr", Kind.PEP, """
            Si le préservatif a craqué il y a moins de 72h, il faut aller MAINTENANT aux urgences pour le TPE (traitement post-exposition). Tu veux que je t'appelle ?
            Le plus tôt possible, idéalement dans les 24h. Les urgences de l'hôpital le font jour et nuit, demande le « traitement post-exposition ». Tu n'as pas besoin d'expliquer ton travail.
            Tu as pu y aller ? Le traitement dure 28 jours, c'est important de ne pas l'arrêter. On est là si tu as des effets secondaires.
            """); //$NON-NLS-1$
        put("fr", Kind.BUS, """
            🚐 Le bus médical sera là {day} {date} de 19h à 23h à l'endroit habituel. Consultation, dépistage et colis gratuits. {svc}
            Rappel : prochain passage du bus médical le {date}. Sans rdv, anonyme. Infos : {svcphone}
            {svc} : le bus santé passe {day} soir ({date}). Infirmière, test VIH rapide, matériel RdR. Bienvenue à toutes et tous ✨
            """); //$NON-NLS-1$
        put("fr", Kind.CPAS, """
            Pour le CPAS, il faut une adresse de référence. On peut t'aider à faire la demande et t'accompagner au rendez-vous.
            Tu as déjà une mutuelle ? Sinon on peut t'affilier à la CAAMI, c'est gratuit.
            J'ai appelé l'assistante sociale du CPAS, ils te reçoivent {day} à {hour}. Je peux venir avec toi si tu veux.
            Envoie-moi une photo de la lettre, je regarde ce qu'ils demandent.
            Je transmets à ma collègue {w2} qui s'occupe des questions de mutuelle, elle te recontacte demain.
            C'est un refus mais on peut faire un recours dans le mois. On le prépare ensemble ?
            """); //$NON-NLS-1$
        put("fr", Kind.LOGEMENT, """
            On a une liste de maisons d'accueil et de logements d'urgence. Tu cherches pour combien de temps ?
            Le Samusocial peut avoir une place pour ce soir. Je peux appeler avec toi.
            Le proprio n'a pas le droit de te mettre dehors du jour au lendemain. On peut en parler avec notre juriste {day}.
            """); //$NON-NLS-1$
        put("fr", Kind.VIOLENCE, """
            Je suis vraiment désolée que ça te soit arrivé. Tu es en sécurité maintenant ? Si tu veux, on ajoute la description du client à notre liste des clients dangereux (anonyme) pour prévenir les autres.
            Tu n'es pas obligée de porter plainte. On peut t'accompagner si un jour tu le souhaites, et voir un médecin pour un constat.
            Merci pour l'alerte, on la fait tourner (sans ton nom) aux autres personnes qui nous suivent.
            Le chantage c'est puni par la loi. Ne lui envoie plus rien, garde les captures d'écran. On peut en parler {day} ?
            """); //$NON-NLS-1$
        put("fr", Kind.RDV, """
            C'est noté pour {day} à {hour} ✅ Sonne au {addr}, c'est discret, pas de plaque.
            Ok pour {day} {hour}. Si tu as un empêchement, écris-moi simplement.
            Je te confirme le rdv de demain {hour} avec l'infirmière.
            Pas de souci, on décale. {day} même heure ça te va ?
            """); //$NON-NLS-1$
        put("fr", Kind.RELANCE, """
            Bonjour {name}, c'est {svc}, on s'était écrit il y a quelques mois. Je reviens juste vers toi au cas où : nos colis et le dépistage sont toujours gratuits. Pas besoin de répondre 🙂
            Coucou, petite nouvelle de {svc} : on a changé d'horaires, permanence le {day} 13h-17h. Au plaisir !
            Bonjour, {w} de {svc}. Juste un petit rappel qu'on existe toujours si besoin (santé, papiers, logement). Bonne continuation.
            """); //$NON-NLS-1$
        put("fr", Kind.ACK, """
            Avec plaisir !
            Je regarde ça et je reviens vers toi.
            Pas de souci 🙂
            Bien reçu, merci.
            Ok je note
            Je me renseigne et je te redis demain.
            D'accord, on fait comme ça.
            """); //$NON-NLS-1$
        put("fr", Kind.CAUTION, """
            Nous ne donnons aucune information sur les personnes que nous rencontrons. Bonne journée.
            Notre service est réservé aux personnes qui travaillent. Si tu es concerné·e, je réponds volontiers à tes questions.
            Pour les demandes de presse, merci d'écrire à l'adresse générale de l'asbl.
            """); //$NON-NLS-1$
        put("fr", Kind.CLOSE, """
            Bonne soirée et prends soin de toi 💜
            À bientôt !
            N'hésite pas si besoin. Bonne nuit
            Belle journée, à la prochaine 🌸
            """); //$NON-NLS-1$
        put("fr", Kind.R_INTRO, """
            c qui?
            Bonjour, c'est quoi votre association exactement ?
            merci c gentil
            cest gratuit vraiment ?
            Vous êtes de la police ?
            ok merci, je garde le numéro
            Qui vous a donné mon numéro ??
            Bjr oui je connais deja, merci 😘
            ah oui une copine m'a parlé de vous
            Bonsoir, ça m'intéresse mais je suis pas en Belgique tout le temps
            """); //$NON-NLS-1$
        put("fr", Kind.R_KIT, """
            oui je veux bien un colis stp
            Vous avez des capotes XL ?
            jveux bien du lubrifiant et des eponges
            c possible de passer chercher demain ?
            Oui svp, surtout des capotes et du gel 🙏
            """); //$NON-NLS-1$
        put("fr", Kind.R_ADDRESS, """
            envoie a Jessy, {addr2}
            mon num c'est {phone} appelle moi plutot
            je peux pas recevoir chez moi, je passe plutôt
            c'est possible en point relais ?
            Au nom de Sam svp, {addr2}, sonnette 2
            """); //$NON-NLS-1$
        put("fr", Kind.Q_DEPISTAGE, """
            c'est combien le test ?
            il faut la mutuelle pour faire le test ?
            Je voudrais faire un test VIH, je suis inquiète
            vous faites aussi la syphilis ?
            j'ai des brûlures quand je fais pipi, c grave ?
            j'ai eu les résultats ?
            """); //$NON-NLS-1$
        put("fr", Kind.Q_PREP, """
            c quoi la prep exactement
            je prend la prep mais j'ai oublié 2 jours, je suis protégée ?
            La PrEP c'est remboursé si j'ai pas de papiers ?
            """); //$NON-NLS-1$
        put("fr", Kind.Q_PEP, """
            la capote a craqué hier soir avec un client 😰 je fais quoi
            urgent svp j'ai eu un accident de préservatif cette nuit
            Le client a enlevé la capote sans me dire, c'était y a 2 jours
            """); //$NON-NLS-1$
        put("fr", Kind.Q_CPAS, """
            le cpas m'a refusé, ils disent que je dois avoir une adresse
            J'ai reçu une lettre de la mutuelle je comprends rien
            vous pouvez m'aider pour remplir le formulaire du CPAS ?
            je suis pas en ordre de mutuelle depuis 6 mois
            ils me demandent une attestation, c'est quoi ?
            """); //$NON-NLS-1$
        put("fr", Kind.Q_LOGEMENT, """
            je dois quitter mon appart fin du mois, le proprio a découvert
            je dors chez une copine mais c'est plus possible
            vous connaissez un logement pas cher ?
            """); //$NON-NLS-1$
        put("fr", Kind.Q_VIOLENCE, """
            un client m'a frappée hier, j'ai peur qu'il revienne
            Attention il y a un mec qui se fait passer pour un client et vole les téléphones, il appelle du {phone}
            un type me menace de tout dire à ma famille si je le vois pas gratuit
            j'ai été agressée, j'ose pas aller à la police
            """); //$NON-NLS-1$
        put("fr", Kind.Q_RDV, """
            je peux passer {day} vers {hour} ?
            c'est ok pour demain
            dsl je peux pas venir aujourd'hui, on décale ?
            je suis devant mais ça répond pas
            Vous êtes ouverts le {day} ?
            """); //$NON-NLS-1$
        put("fr", Kind.THANKS, """
            merciii
            Merci beaucoup pour tout 🙏
            top merci
            ok super
            Merci, vous êtes adorables ❤️
            bien reçu le colis merci !
            👍
            """); //$NON-NLS-1$
        put("fr", Kind.FAKE, """
            Salut, tu peux me donner le numéro de la fille de l'annonce ?
            C'est combien pour une heure ?
            vous connaissez des filles à Liège ?
            Je cherche une jeune, tu as des contacts ?
            Bonjour, je fais un reportage, vous pouvez me mettre en contact avec des prostituées ?
            vous avez la liste des adresses ?
            """); //$NON-NLS-1$
        put("fr", Kind.STOP, """
            Arrêtez de m'écrire svp
            pas intéressée
            supprimez mon numéro
            """); //$NON-NLS-1$
        put("fr", Kind.NUDGE, """
            ??
            allo ?
            vous êtes là ?
            svp c urgent
            y a quelqu'un ?
            je réessaie demain
            ?
            """); //$NON-NLS-1$
        put("fr", Kind.CAPTION, """
            voilà la lettre
            c'est ça le papier ?
            la photo de la boite de médicaments
            capture du message qu'il m'envoie
            """); //$NON-NLS-1$

        // ---------------------------------------------------------------- Dutch (Flemish usage)
        put("nl", Kind.INTRO, """
            Hallo {name}, ik ben {w} van {svc}, een vzw voor gezondheid en ondersteuning van sekswerkers. We bieden gratis condooms, glijmiddel, soa-testen en sociale hulp, volledig anoniem. Je mag me altijd een berichtje sturen 🙂
            Dag! Hier {svc} 👋 Geen oordeel, geen politie: gewoon gezondheidsinfo, gratis pakketjes en hulp bij papieren of ziekenfonds. Fijne dag nog!
            Hoi {name}, {w} hier van {svc}. Even laten weten dat we bestaan: gratis testen, PrEP, preventiemateriaal. Antwoorden hoeft niet 😊
            """); //$NON-NLS-1$
        put("nl", Kind.KIT, """
            We kunnen je een discreet pakketje sturen met condooms, glijmiddel en sponsjes. Of je haalt het op tijdens de permanentie. Wat past je best?
            """); //$NON-NLS-1$
        put("nl", Kind.KIT_SENT, """
            Je pakketje is vertrokken 📦 Laat je weten als het aangekomen is?
            """); //$NON-NLS-1$
        put("nl", Kind.DEPISTAGE, """
            Testen is gratis en anoniem, zonder afspraak op {day} tussen 14u en 17u. HIV-sneltest in 20 minuten.
            Je hebt geen ziekenfonds of papieren nodig om te testen.
            """); //$NON-NLS-1$
        put("nl", Kind.PREP, """
            PrEP is een pil die beschermt tegen hiv. Met ziekenfonds wordt ze terugbetaald, anders zoeken we samen een oplossing.
            """); //$NON-NLS-1$
        put("nl", Kind.PEP, """
            Als het condoom minder dan 72u geleden gescheurd is, ga NU naar de spoed voor PEP. Zal ik je bellen?
            """); //$NON-NLS-1$
        put("nl", Kind.BUS, """
            🚐 De medische bus staat er {day} {date} van 19u tot 23u op de gewone plek. Gratis consultatie, test en pakketjes. {svc}
            """); //$NON-NLS-1$
        put("nl", Kind.CPAS, """
            Voor het OCMW heb je een referentieadres nodig. We kunnen je helpen met de aanvraag.
            Heb je al een ziekenfonds? Anders kunnen we je aansluiten bij de Hulpkas, dat is gratis.
            """); //$NON-NLS-1$
        put("nl", Kind.LOGEMENT, """
            We hebben een lijst met opvanghuizen en noodwoningen. Voor hoelang zoek je iets?
            """); //$NON-NLS-1$
        put("nl", Kind.VIOLENCE, """
            Wat erg dat je dit overkomen is. Ben je nu veilig? We kunnen de beschrijving van de klant anoniem doorgeven aan de anderen.
            """); //$NON-NLS-1$
        put("nl", Kind.RDV, """
            Genoteerd voor {day} om {hour} ✅ Bel aan bij {addr}, discreet, geen naambord.
            Geen probleem, we verzetten het. {day} zelfde uur?
            """); //$NON-NLS-1$
        put("nl", Kind.RELANCE, """
            Hallo {name}, hier {svc}, we hebben een paar maanden geleden gemaild. Gewoon een herinnering dat onze pakketjes en testen nog altijd gratis zijn. Antwoorden hoeft niet 🙂
            """); //$NON-NLS-1$
        put("nl", Kind.ACK, """
            Graag gedaan!
            Ik kijk het na en laat het je weten.
            Oké, genoteerd.
            """); //$NON-NLS-1$
        put("nl", Kind.CAUTION, """
            We geven geen informatie over de mensen die we ontmoeten. Nog een fijne dag.
            """); //$NON-NLS-1$
        put("nl", Kind.CLOSE, """
            Fijne avond en zorg goed voor jezelf 💜
            Tot binnenkort!
            """); //$NON-NLS-1$
        put("nl", Kind.R_INTRO, """
            wie is dit?
            Dank je, wat doen jullie precies?
            is dat echt gratis?
            zijn jullie van de politie?
            """); //$NON-NLS-1$
        put("nl", Kind.R_KIT, """
            ja graag een pakketje
            hebben jullie XL condooms?
            """); //$NON-NLS-1$
        put("nl", Kind.R_ADDRESS, """
            stuur maar naar Kim, {addr2}
            bel me liever op {phone}
            """); //$NON-NLS-1$
        put("nl", Kind.Q_DEPISTAGE, """
            hoeveel kost een test?
            ik wil me laten testen op hiv, ik ben ongerust
            """); //$NON-NLS-1$
        put("nl", Kind.Q_PREP, """
            wat is prep eigenlijk?
            """); //$NON-NLS-1$
        put("nl", Kind.Q_PEP, """
            condoom gescheurd gisteravond 😰 wat moet ik doen
            """); //$NON-NLS-1$
        put("nl", Kind.Q_CPAS, """
            het ocmw weigert, ze zeggen dat ik een adres moet hebben
            ik heb een brief van het ziekenfonds gekregen, ik snap er niks van
            """); //$NON-NLS-1$
        put("nl", Kind.Q_LOGEMENT, """
            ik moet eind van de maand uit mijn appartement
            """); //$NON-NLS-1$
        put("nl", Kind.Q_VIOLENCE, """
            een klant heeft me gisteren geslagen, ik ben bang dat hij terugkomt
            Opgelet er is een man die gsm's steelt, hij belt van {phone}
            """); //$NON-NLS-1$
        put("nl", Kind.Q_RDV, """
            kan ik {day} rond {hour} langskomen?
            sorry ik kan vandaag niet, kunnen we verzetten?
            """); //$NON-NLS-1$
        put("nl", Kind.THANKS, """
            dankjewel!!
            merci 🙏
            top bedankt
            """); //$NON-NLS-1$
        put("nl", Kind.FAKE, """
            hoeveel voor een uur?
            heb je het nummer van het meisje van de advertentie?
            """); //$NON-NLS-1$
        put("nl", Kind.STOP, """
            stop met me te sturen aub
            """); //$NON-NLS-1$
        put("nl", Kind.NUDGE, """
            ??
            hallo?
            is er iemand?
            """); //$NON-NLS-1$
        put("nl", Kind.CAPTION, """
            hier is de brief
            """); //$NON-NLS-1$

        // ---------------------------------------------------------------- English
        put("en", Kind.INTRO, """
            Hi {name}, I'm {w} from {svc}, a non-profit for the health and rights of sex workers. We offer free condoms, lube, STI testing and social support, all confidential. Feel free to text me anytime 🙂
            Hello! {svc} here 👋 No judgement, no police: health info, free safer-sex kits and help with papers or health insurance if you need it. Have a good day!
            Hey {name}, this is {w} at {svc}. Just letting you know we exist: free testing, PrEP, prevention kits. No need to answer 😊
            """); //$NON-NLS-1$
        put("en", Kind.KIT, """
            We can post you a discreet kit with condoms, lube and sponges, or you can pick it up during our drop-in ({day} 2-6pm). What do you prefer?
            """); //$NON-NLS-1$
        put("en", Kind.KIT_SENT, """
            Your kit went out this morning 📦 Let me know when you get it!
            """); //$NON-NLS-1$
        put("en", Kind.DEPISTAGE, """
            Testing is free and anonymous, no appointment needed on {day} from 2 to 5pm. Rapid HIV result in 20 minutes.
            You don't need insurance or papers to get tested.
            """); //$NON-NLS-1$
        put("en", Kind.PREP, """
            PrEP is a pill that protects you from HIV. It's reimbursed with health insurance; if you don't have any we'll find a way together.
            """); //$NON-NLS-1$
        put("en", Kind.PEP, """
            If the condom broke less than 72h ago, go to the emergency room NOW and ask for PEP. Do you want me to call you?
            """); //$NON-NLS-1$
        put("en", Kind.BUS, """
            🚐 The medical bus will be there on {day} {date}, 7-11pm, usual place. Free consultation, testing and kits. {svc}
            """); //$NON-NLS-1$
        put("en", Kind.CPAS, """
            For the CPAS (social welfare) you need a reference address. We can help you apply and come with you.
            Do you have health insurance (mutuelle)? If not we can register you, it's free.
            """); //$NON-NLS-1$
        put("en", Kind.LOGEMENT, """
            We have a list of shelters and emergency housing. How long do you need a place for?
            """); //$NON-NLS-1$
        put("en", Kind.VIOLENCE, """
            I'm so sorry this happened to you. Are you safe now? If you want, we can share the client's description anonymously to warn others.
            """); //$NON-NLS-1$
        put("en", Kind.RDV, """
            Booked for {day} at {hour} ✅ Ring at {addr}, it's discreet, no sign on the door.
            No problem, let's move it. {day} same time?
            """); //$NON-NLS-1$
        put("en", Kind.RELANCE, """
            Hi {name}, {svc} here, we texted a few months ago. Just a reminder that our kits and testing are still free. No need to reply 🙂
            """); //$NON-NLS-1$
        put("en", Kind.ACK, """
            You're welcome!
            I'll check and get back to you.
            Ok, noted.
            """); //$NON-NLS-1$
        put("en", Kind.CAUTION, """
            We don't give any information about the people we meet. Have a nice day.
            """); //$NON-NLS-1$
        put("en", Kind.CLOSE, """
            Have a good evening and take care 💜
            See you soon!
            """); //$NON-NLS-1$
        put("en", Kind.R_INTRO, """
            who is this?
            thanks, what do you do exactly?
            is it really free??
            are you police?
            ok thx
            """); //$NON-NLS-1$
        put("en", Kind.R_KIT, """
            yes pls a kit
            do you have XL condoms?
            """); //$NON-NLS-1$
        put("en", Kind.R_ADDRESS, """
            send it to Nikki, {addr2}
            call me on {phone} instead
            """); //$NON-NLS-1$
        put("en", Kind.Q_DEPISTAGE, """
            how much is the test?
            I want an HIV test, I'm worried
            """); //$NON-NLS-1$
        put("en", Kind.Q_PREP, """
            what is prep exactly
            """); //$NON-NLS-1$
        put("en", Kind.Q_PEP, """
            condom broke last night 😰 what do i do
            """); //$NON-NLS-1$
        put("en", Kind.Q_CPAS, """
            I got a letter from the mutuelle and I don't understand it
            """); //$NON-NLS-1$
        put("en", Kind.Q_LOGEMENT, """
            I have to leave my flat at the end of the month
            """); //$NON-NLS-1$
        put("en", Kind.Q_VIOLENCE, """
            a client hit me yesterday, im scared he comes back
            Warning: a guy steals phones, he calls from {phone}
            """); //$NON-NLS-1$
        put("en", Kind.Q_RDV, """
            can I come {day} around {hour}?
            sorry can't make it today, can we move it?
            """); //$NON-NLS-1$
        put("en", Kind.THANKS, """
            thank youuu
            thanks a lot 🙏
            great thx
            """); //$NON-NLS-1$
        put("en", Kind.FAKE, """
            how much for an hour?
            can you give me the number of the girl in the ad?
            """); //$NON-NLS-1$
        put("en", Kind.STOP, """
            stop texting me please
            """); //$NON-NLS-1$
        put("en", Kind.NUDGE, """
            ??
            hello?
            anyone there?
            """); //$NON-NLS-1$
        put("en", Kind.CAPTION, """
            here is the letter
            """); //$NON-NLS-1$

        // ---------------------------------------------------------------- Spanish
        put("es", Kind.INTRO, """
            Hola {name}, soy {w} de {svc}, una asociación de salud y apoyo para trabajadoras y trabajadores sexuales. Ofrecemos preservativos, lubricante, pruebas de ITS y ayuda social gratis y confidencial. Puedes escribirme cuando quieras 🙂
            ¡Hola! Somos {svc} 👋 Sin juicios, sin policía: info de salud, kits gratis y ayuda con papeles o seguro médico. ¡Buen día!
            """); //$NON-NLS-1$
        put("es", Kind.KIT, """
            Te podemos mandar un paquete discreto con condones, lubricante y esponjas, o lo recoges en la permanencia. ¿Qué prefieres?
            """); //$NON-NLS-1$
        put("es", Kind.KIT_SENT, """
            Tu paquete salió esta mañana 📦 ¡Avísame cuando llegue!
            """); //$NON-NLS-1$
        put("es", Kind.DEPISTAGE, """
            La prueba es gratis y anónima, sin cita el {day} de 14h a 17h. Resultado de VIH en 20 minutos.
            """); //$NON-NLS-1$
        put("es", Kind.PEP, """
            Si el condón se rompió hace menos de 72h, ve YA a urgencias y pide la PEP. ¿Te llamo?
            """); //$NON-NLS-1$
        put("es", Kind.BUS, """
            🚐 El bus médico estará el {day} {date} de 19h a 23h en el sitio de siempre. Consulta, prueba y kits gratis. {svc}
            """); //$NON-NLS-1$
        put("es", Kind.RDV, """
            Apuntado para el {day} a las {hour} ✅ Toca el timbre en {addr}.
            """); //$NON-NLS-1$
        put("es", Kind.RELANCE, """
            Hola {name}, somos {svc}, te escribimos hace unos meses. Solo recordarte que los kits y las pruebas siguen siendo gratis. No hace falta responder 🙂
            """); //$NON-NLS-1$
        put("es", Kind.ACK, """
            ¡Con gusto!
            Lo miro y te digo.
            """); //$NON-NLS-1$
        put("es", Kind.CLOSE, """
            Buenas noches y cuídate mucho 💜
            """); //$NON-NLS-1$
        put("es", Kind.R_INTRO, """
            quien eres?
            gracias, que hacéis exactamente?
            es gratis de verdad?
            """); //$NON-NLS-1$
        put("es", Kind.R_KIT, """
            si porfa un paquete
            """); //$NON-NLS-1$
        put("es", Kind.R_ADDRESS, """
            mandalo a Vane, {addr2}
            llamame al {phone}
            """); //$NON-NLS-1$
        put("es", Kind.Q_DEPISTAGE, """
            cuanto cuesta la prueba?
            necesito seguro para hacerme la prueba?
            """); //$NON-NLS-1$
        put("es", Kind.Q_PEP, """
            se rompió el condón anoche 😰 que hago
            """); //$NON-NLS-1$
        put("es", Kind.Q_RDV, """
            puedo pasar el {day} a las {hour}?
            """); //$NON-NLS-1$
        put("es", Kind.THANKS, """
            muchas gracias 🙏
            graciaaas
            """); //$NON-NLS-1$
        put("es", Kind.NUDGE, """
            ??
            hola??
            """); //$NON-NLS-1$

        // ---------------------------------------------------------------- Portuguese (BR and PT)
        put("pt", Kind.INTRO, """
            Olá {name}, sou {w} da {svc}, uma associação de saúde e apoio para trabalhadoras do sexo. Oferecemos preservativos, lubrificante, testes de IST e ajuda social, tudo grátis e confidencial 🙂
            Oi! Aqui é a {svc} 👋 Sem julgamento, sem polícia: informação de saúde, kits grátis e ajuda com papéis. Bom dia!
            """); //$NON-NLS-1$
        put("pt", Kind.KIT, """
            Podemos enviar um kit discreto com camisinhas, lubrificante e esponjas, ou você busca na permanência. O que prefere?
            """); //$NON-NLS-1$
        put("pt", Kind.KIT_SENT, """
            Seu kit foi enviado hoje de manhã 📦 Me avisa quando chegar!
            """); //$NON-NLS-1$
        put("pt", Kind.DEPISTAGE, """
            O teste é grátis e anônimo, sem marcação na {day} das 14h às 17h. Resultado do HIV em 20 minutos.
            """); //$NON-NLS-1$
        put("pt", Kind.BUS, """
            🚐 O ônibus médico vai estar lá na {day} {date}, das 19h às 23h. Consulta, teste e kits grátis. {svc}
            """); //$NON-NLS-1$
        put("pt", Kind.RDV, """
            Marcado para {day} às {hour} ✅ Toque a campainha em {addr}.
            """); //$NON-NLS-1$
        put("pt", Kind.RELANCE, """
            Olá {name}, aqui é a {svc}, falamos há uns meses. Só lembrar que os kits e os testes continuam grátis. Não precisa responder 🙂
            """); //$NON-NLS-1$
        put("pt", Kind.ACK, """
            De nada!
            Vou ver e te digo.
            """); //$NON-NLS-1$
        put("pt", Kind.CLOSE, """
            Boa noite e se cuida 💜
            """); //$NON-NLS-1$
        put("pt", Kind.R_INTRO, """
            quem é?
            obrigada, vocês fazem o que exatamente?
            é grátis mesmo?
            """); //$NON-NLS-1$
        put("pt", Kind.R_KIT, """
            sim quero um kit por favor
            """); //$NON-NLS-1$
        put("pt", Kind.R_ADDRESS, """
            manda pra Bia, {addr2}
            me liga no {phone}
            """); //$NON-NLS-1$
        put("pt", Kind.Q_DEPISTAGE, """
            quanto custa o teste?
            preciso de seguro pra fazer o teste?
            """); //$NON-NLS-1$
        put("pt", Kind.Q_RDV, """
            posso passar {day} às {hour}?
            """); //$NON-NLS-1$
        put("pt", Kind.THANKS, """
            obrigadaaa 🙏
            valeu!
            """); //$NON-NLS-1$
        put("pt", Kind.NUDGE, """
            ??
            oi??
            """); //$NON-NLS-1$

        // ---------------------------------------------------------------- Romanian
        put("ro", Kind.INTRO, """
            Bună {name}, sunt {w} de la {svc}, o asociație de sănătate și sprijin pentru lucrătoarele sexuale. Oferim gratuit prezervative, lubrifiant, teste ITS și ajutor social, confidențial 🙂
            Salut! Aici {svc} 👋 Fără judecăți, fără poliție: informații de sănătate, pachete gratuite și ajutor cu actele. O zi bună!
            """); //$NON-NLS-1$
        put("ro", Kind.KIT, """
            Îți putem trimite un pachet discret cu prezervative, lubrifiant și bureți, sau îl iei de la permanență. Ce preferi?
            """); //$NON-NLS-1$
        put("ro", Kind.KIT_SENT, """
            Pachetul a plecat azi-dimineață 📦 Spune-mi când ajunge!
            """); //$NON-NLS-1$
        put("ro", Kind.DEPISTAGE, """
            Testul e gratuit și anonim, fără programare {day} între 14 și 17. Rezultat HIV în 20 de minute.
            """); //$NON-NLS-1$
        put("ro", Kind.BUS, """
            🚐 Autobuzul medical va fi {day} {date} între 19 și 23, la locul obișnuit. Consultație, test și pachete gratuite. {svc}
            """); //$NON-NLS-1$
        put("ro", Kind.RDV, """
            Notat pentru {day} la {hour} ✅ Sună la {addr}.
            """); //$NON-NLS-1$
        put("ro", Kind.RELANCE, """
            Bună {name}, aici {svc}, ți-am scris acum câteva luni. Doar îți amintim că pachetele și testele sunt tot gratuite. Nu trebuie să răspunzi 🙂
            """); //$NON-NLS-1$
        put("ro", Kind.ACK, """
            Cu plăcere!
            Mă uit și revin.
            """); //$NON-NLS-1$
        put("ro", Kind.CLOSE, """
            Seară bună și ai grijă de tine 💜
            """); //$NON-NLS-1$
        put("ro", Kind.R_INTRO, """
            cine e?
            mersi, ce faceți exact?
            e gratis chiar?
            """); //$NON-NLS-1$
        put("ro", Kind.R_KIT, """
            da vreau un pachet te rog
            """); //$NON-NLS-1$
        put("ro", Kind.R_ADDRESS, """
            trimite la Ana, {addr2}
            sună-mă la {phone}
            """); //$NON-NLS-1$
        put("ro", Kind.Q_DEPISTAGE, """
            cât costă testul?
            """); //$NON-NLS-1$
        put("ro", Kind.Q_RDV, """
            pot să vin {day} la {hour}?
            """); //$NON-NLS-1$
        put("ro", Kind.THANKS, """
            mulțumesc mult 🙏
            mersiii
            """); //$NON-NLS-1$
        put("ro", Kind.NUDGE, """
            ??
            alo?
            """); //$NON-NLS-1$
    }
    //CHECKSTYLE:ON
}
