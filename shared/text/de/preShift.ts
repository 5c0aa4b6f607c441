import type { Catalog } from '../catalog';
import type en from '../en/preShift';

/**
 * German of main's "preShift" messages (`shared/text/en/preShift.ts`): the setup check's verdicts.
 * A device name stands in quotes after "Gerät", so it needs no German case ending.
 */
const de: Catalog<typeof en> = {
  microphone: {
    summary: {
      denied: 'Switchboard darf das Mikrofon nicht verwenden.',
      notFound: 'Es wurde kein Mikrofon gefunden.',
      failed: 'Das Gerät „{{device}}“ konnte nicht geöffnet werden.',
      failedUnnamed: 'Ihr Mikrofon konnte nicht geöffnet werden.',
      silent: 'Kein Ton vom Gerät „{{device}}“: Prüfen Sie, ob das Headset angeschlossen und nicht stummgeschaltet ist.',
      silentUnnamed: 'Kein Ton von Ihrem Mikrofon: Prüfen Sie, ob das Headset angeschlossen und nicht stummgeschaltet ist.',
      pass: 'Das Gerät „{{device}}“ nimmt Ihre Stimme auf.',
      passUnnamed: 'Ihr Mikrofon nimmt Ihre Stimme auf.',
    },
    advice: {
      allowAccess:
        'Erlauben Sie Switchboard den Zugriff auf das Mikrofon in den Datenschutzeinstellungen Ihres Computers (oder in den Website-Einstellungen des Browsers) und starten Sie die Prüfung dann erneut.',
      plugIn:
        'Schließen Sie Ihr Headset an, wählen Sie es in der Telefonleiste unter „Telefoneinstellungen“ aus und starten Sie die Prüfung erneut.',
      closeOtherApps:
        'Schließen Sie andere Programme, die das Headset verwenden könnten (andere Softphones, Besprechungs-Apps), oder ziehen Sie das Headset ab und stecken Sie es wieder ein.',
      unmute: 'Prüfen Sie, ob das Headset angeschlossen ist und sein Stummschalter oder seine Stummtaste aus ist.',
      chooseMicrophone: 'Stellen Sie sicher, dass in der Telefonleiste unter „Telefoneinstellungen“ das richtige Mikrofon ausgewählt ist.',
      speak: 'Sprechen Sie, während die Pegelanzeige läuft.',
    },
  },
  speaker: {
    summary: {
      failed: 'Der Testton konnte auf dem Gerät „{{device}}“ nicht abgespielt werden.',
      failedUnnamed: 'Der Testton konnte auf Ihrem Lautsprecher nicht abgespielt werden.',
      notHeard: 'Sie haben den Testton auf dem Gerät „{{device}}“ nicht gehört.',
      notHeardUnnamed: 'Sie haben den Testton auf Ihrem Lautsprecher nicht gehört.',
      pass: 'Sie haben den Testton auf dem Gerät „{{device}}“ gehört.',
      passUnnamed: 'Sie haben den Testton auf Ihrem Lautsprecher gehört.',
    },
    advice: {
      checkHeadset:
        'Prüfen Sie, ob das Headset angeschlossen und in der Telefonleiste unter „Telefoneinstellungen“ ausgewählt ist, und starten Sie die Prüfung dann erneut.',
      turnUpVolume: 'Erhöhen Sie die Lautstärke am Headset und am Computer.',
      chooseSpeaker: 'Stellen Sie sicher, dass in der Telefonleiste unter „Telefoneinstellungen“ der richtige Lautsprecher ausgewählt ist.',
    },
  },
  echo: {
    summary: {
      notConfigured: 'Echo-Testanruf übersprungen: Ihre IT-Abteilung hat keine Echo-Testnummer festgelegt.',
      cancelled: 'Echo-Testanruf abgebrochen.',
      notRegistered: 'Das Telefon ist nicht mit der Telefonanlage verbunden, daher wurde kein Testanruf getätigt.',
      unknownExtension: 'Die Echo-Testnummer ist der Telefonanlage nicht bekannt.',
      unknownExtensionCode: 'Die Echo-Testnummer ist der Telefonanlage nicht bekannt (SIP {{sipCode}}).',
      busy: 'Die Echo-Testnummer war besetzt.',
      busyCode: 'Die Echo-Testnummer war besetzt (SIP {{sipCode}}).',
      refused: 'Die Telefonanlage hat den Testanruf abgelehnt.',
      refusedCode: 'Die Telefonanlage hat den Testanruf abgelehnt (SIP {{sipCode}}).',
      notPlaced: 'Die Telefonanlage konnte den Testanruf nicht aufbauen.',
      notPlacedCode: 'Die Telefonanlage konnte den Testanruf nicht aufbauen (SIP {{sipCode}}).',
      noAnswer: 'Die Echo-Testnummer hat nicht geantwortet.',
      noMedia: 'Der Testanruf wurde verbunden, aber es kam kein Gesprächston durch.',
      noEcho: 'Der Testanruf wurde verbunden, aber der Testton kam nicht zurück.',
      pass: 'Der Testton kam von der Echo-Testnummer zurück.',
    },
    advice: {
      checkConnection: 'Prüfen Sie Ihre Internet- und VPN-Verbindung und dann den Telefonstatus in der Telefonleiste.',
      extensionMissing:
        'Informieren Sie Ihre IT-Abteilung: Die für Switchboard festgelegte Echo-Testnummer gibt es in der Telefonanlage nicht.',
      tryInAMinute: 'Starten Sie die Prüfung in einer Minute erneut.',
      notAllowed: 'Ihr Telefonkonto darf diesen Anruf möglicherweise nicht tätigen: Informieren Sie Ihre IT-Abteilung.',
      tryInAFewMinutes:
        'Starten Sie die Prüfung in ein paar Minuten erneut; wenn sie wieder fehlschlägt, informieren Sie Ihre IT-Abteilung.',
      noAnswer: 'Starten Sie die Prüfung erneut; wenn die Nummer wieder nicht antwortet, informieren Sie Ihre IT-Abteilung.',
      audioBlocked: 'Ihr Netzwerk oder VPN blockiert den Gesprächston. Versuchen Sie es ohne VPN oder in einem anderen Netzwerk.',
      needsUdpOrTurn: 'Wenn es wieder fehlschlägt, informieren Sie Ihre IT-Abteilung (Anrufe brauchen UDP oder einen TURN-Server).',
      oneWay: 'Der Gesprächston kommt nicht in beide Richtungen durch. Versuchen Sie es ohne VPN oder in einem anderen Netzwerk.',
      tellIt: 'Wenn es wieder fehlschlägt, informieren Sie Ihre IT-Abteilung.',
    },
  },
  network: {
    summary: {
      notRegistered: 'Die Telefonanlage war nicht erreichbar: Das Telefon ist nicht verbunden.',
      noAnswer: 'Die Telefonanlage hat nicht geantwortet.',
      two: '{{first}}; {{second}}.',
      three: '{{first}}; {{second}}; {{third}}.',
      four: '{{first}}; {{second}}; {{third}}; {{fourth}}.',
    },
    found: {
      server: 'Die Telefonanlage hat in {{ms, number}} ms geantwortet (Median von {{answered, number}})',
      notMeasured: 'Gesprächston nicht gemessen (kein Echo-Testanruf)',
      loss: 'Gesprächston: {{percent, number}} % verloren',
      jitter: 'Jitter {{ms, number}} ms',
      roundTrip: 'Umlaufzeit {{ms, number}} ms',
    },
    advice: {
      unreachable:
        'Prüfen Sie Ihre Internet- und VPN-Verbindung. Wenn andere Websites funktionieren, teilen Sie Ihrer IT-Abteilung mit, dass die Telefonanlage nicht erreichbar ist.',
      tips: 'Verwenden Sie wenn möglich eine Kabelverbindung statt WLAN, gehen Sie näher an den Router und unterbrechen Sie große Downloads, Videostreams und Sicherungen, während Sie arbeiten.',
      slowServer: 'Die Telefonanlage antwortet langsam: Ein VPN oder eine ausgelastete Verbindung kann die Ursache sein. {{tips}}',
      loss: 'Über Ihre Verbindung geht Gesprächston verloren ({{percent, number}} % der Pakete), das klingt abgehackt. {{tips}}',
      jitter: 'Der Gesprächston kommt ungleichmäßig an (Jitter {{ms, number}} ms), das klingt blechern. {{tips}}',
      roundTrip:
        'Der Gesprächston ist lange unterwegs (Umlaufzeit {{ms, number}} ms), sodass Sie und Ihr Gegenüber sich ins Wort fallen. Das verursacht ein weit entferntes VPN oder eine Mobilfunk- oder Satellitenverbindung: Versuchen Sie es ohne VPN oder in einem anderen Netzwerk.',
    },
  },
  notChecked: {
    microphone: 'Mikrofon nicht geprüft: Die Prüfung wurde abgebrochen.',
    speaker: 'Lautsprecher nicht geprüft: Die Prüfung wurde abgebrochen.',
    echo: 'Echo-Testanruf nicht geprüft: Die Prüfung wurde abgebrochen.',
    network: 'Netzwerk nicht geprüft: Die Prüfung wurde abgebrochen.',
  },
  refused: {
    alreadyRunning: 'Eine Prüfung der Ausstattung läuft bereits.',
    onACall: 'Sie sind in einem Gespräch: Prüfen Sie Ihre Ausstattung, wenn das Gespräch beendet ist.',
  },
  headline: {
    pass: 'Ihre Ausstattung ist bereit für Anrufe.',
    warn: 'Ihre Ausstattung funktioniert, aber Anrufe klingen eventuell nicht gut: siehe unten.',
    fail: 'Ihre Ausstattung ist nicht bereit für Anrufe: Beheben Sie die unten markierten Punkte.',
    cancelled: 'Die Prüfung wurde abgebrochen.',
  },
};
export default de;
